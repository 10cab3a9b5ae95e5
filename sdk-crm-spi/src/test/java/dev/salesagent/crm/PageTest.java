package dev.salesagent.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {

    private final List<PageRequest> requests = new ArrayList<>();

    private Page<Integer> fetch(PageRequest req) {
        requests.add(req);
        int from = req.cursor() == null ? 0 : Integer.parseInt(req.cursor());
        int to = Math.min(from + req.size(), 25);
        List<Integer> items = IntStream.range(from, to).boxed().toList();
        return new Page<>(items, to < 25 ? Integer.toString(to) : null);
    }

    @Test
    void streamsAllPagesInOrderFollowingCursors() {
        assertThat(Page.stream(this::fetch, 10).toList()).isEqualTo(IntStream.range(0, 25).boxed().toList());
        assertThat(requests).extracting(PageRequest::cursor).containsExactly(null, "10", "20");
        assertThat(requests).extracting(PageRequest::size).containsOnly(10);
    }

    @Test
    void streamIsLazy() {
        var stream = Page.stream(this::fetch, 10);
        assertThat(requests).isEmpty();
        assertThat(stream.limit(5).toList()).hasSize(5);
        assertThat(requests).hasSize(1);
    }

    @Test
    void emptyPagesInTheMiddleAreSkipped() {
        List<Page<String>> pages = List.of(new Page<>(List.of("a"), "1"), new Page<>(List.of(), "2"),
                new Page<>(List.of("b"), null));
        assertThat(Page.stream(r -> pages.get(r.cursor() == null ? 0 : Integer.parseInt(r.cursor())), 1).toList())
                .containsExactly("a", "b");
    }
}
