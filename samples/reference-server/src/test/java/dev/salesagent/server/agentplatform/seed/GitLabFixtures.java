package dev.salesagent.server.agentplatform.seed;

/** Response bodies as GitLab's REST API v4 documentation shows them (docs.gitlab.com/api/branches, commits, merge_requests). */
final class GitLabFixtures {

    static final String BRANCH = """
            {"commit":{"id":"7b5c3cc8be40ee161ae89a06bba6229da1032a0c","short_id":"7b5c3cc",\
            "created_at":"2012-06-28T03:44:20-07:00","parent_ids":["4ad91d3c1144c406e50c7b33bae684bd6837faf8"],\
            "title":"add projects API","message":"add projects API","author_name":"John Smith",\
            "author_email":"john@example.com","authored_date":"2012-06-27T05:51:39-07:00",\
            "committer_name":"John Smith","committer_email":"john@example.com",\
            "committed_date":"2012-06-28T03:44:20-07:00","trailers":{},\
            "web_url":"https://gitlab.example.com/my-group/my-project/-/commit/7b5c3cc8be40ee161ae89a06bba6229da1032a0c"},\
            "name":"%s","merged":false,"protected":false,"default":false,"developers_can_push":false,\
            "developers_can_merge":false,"can_push":true,\
            "web_url":"https://gitlab.example.com/my-group/my-project/-/tree/%s"}""";

    static final String COMMIT = """
            {"id":"ed899a2f4b50b4370feeea94676502b42383c746","short_id":"ed899a2f4b5","title":"some commit message",\
            "author_name":"Example User","author_email":"user@example.com","committer_name":"Example User",\
            "committer_email":"user@example.com","created_at":"2016-09-20T09:26:24.000-07:00",\
            "message":"some commit message","parent_ids":["ae1d9fb46aa2b07ee9836d49862ec4e2c46fbbba"],\
            "committed_date":"2016-09-20T09:26:24.000-07:00","authored_date":"2016-09-20T09:26:24.000-07:00",\
            "stats":{"additions":2,"deletions":2,"total":4},"status":null,\
            "web_url":"https://gitlab.example.com/janedoe/gitlab-foss/-/commit/ed899a2f4b50b4370feeea94676502b42383c746"}""";

    static final String MERGE_REQUEST = """
            {"id":1,"iid":12,"project_id":3,"title":"test1","description":"fixed login page css paddings",\
            "state":"opened","created_at":"2017-04-29T08:46:00Z","updated_at":"2017-04-29T08:46:00Z",\
            "target_branch":"main","source_branch":"test1","upvotes":0,"downvotes":0,\
            "author":{"id":1,"name":"Administrator","username":"admin","state":"active"},\
            "source_project_id":3,"target_project_id":3,"labels":[],"draft":true,"work_in_progress":true,\
            "merge_when_pipeline_succeeds":false,"merge_status":"unchecked","detailed_merge_status":"checking",\
            "sha":"8888888888888888888888888888888888888888","web_url":"http://gitlab.example.com/my-group/my-project/-/merge_requests/12"}""";

    private GitLabFixtures() {
    }
}
