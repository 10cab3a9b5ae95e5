package dev.salesagent.server.workspace.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.ContentBodies;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Battle cards (generate, edit, versions) and conversation analyses (analyse, list, get), scoped by tenant and role. */
class BattleCardsAndConversationsTest extends PlatformTestSupport {

    @Test
    @DisplayName("a battle card is generated from the notes, an edit is version 2, both versions stay readable")
    void battleCards() throws Exception {
        Session owner = register("Battle Cards");
        Session rep = createUser(owner, "sales_rep");
        MvcResult created = mvc.perform(rep.auth(post("/api/v1/battlecards")).contentType(MediaType.APPLICATION_JSON)
                        .content(ContentBodies.BATTLE_CARD))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.competitor").value("Globex CRM"))
                .andExpect(jsonPath("$.method").value("rules"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.card.pricing_comparison").isArray())
                .andReturn();
        String id = read(created, "$.id");
        assertThat(created.getResponse().getContentAsString()).contains("per seat and per module");

        mvc.perform(rep.auth(patch("/api/v1/battlecards/" + id)).contentType(MediaType.APPLICATION_JSON)
                        .content(ContentBodies.BATTLE_CARD_EDIT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.method").value("manual"))
                .andExpect(jsonPath("$.card.our_strengths").value(contains("Native HubSpot and Salesforce sync")))
                .andExpect(jsonPath("$.card.objections[0].response").value("Count the modules you need"));
        mvc.perform(rep.auth(get("/api/v1/battlecards/" + id).param("version", "1")))
                .andExpect(jsonPath("$.method").value("rules")).andExpect(jsonPath("$.current_version").value(2));
        mvc.perform(rep.auth(get("/api/v1/battlecards/" + id + "/versions")))
                .andExpect(jsonPath("$[*].method").value(contains("rules", "manual")));
        mvc.perform(owner.auth(get("/api/v1/battlecards"))).andExpect(jsonPath("$.items[*].id").value(contains(id)));
        mvc.perform(rep.auth(patch("/api/v1/battlecards/" + id)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"our_strengths\":[]}")).andExpect(status().isBadRequest());

        Session otherRep = createUser(owner, "sales_rep");
        Session stranger = register("Battle Cards Stranger");
        for (Session blind : List.of(otherRep, stranger)) {
            mvc.perform(blind.auth(get("/api/v1/battlecards/" + id))).andExpect(status().isNotFound());
            mvc.perform(blind.auth(patch("/api/v1/battlecards/" + id)).contentType(MediaType.APPLICATION_JSON)
                    .content(ContentBodies.BATTLE_CARD_EDIT)).andExpect(status().isNotFound());
            mvc.perform(blind.auth(get("/api/v1/battlecards"))).andExpect(jsonPath("$.items").isEmpty());
        }
    }

    @Test
    @DisplayName("a call transcript is analysed and stored with the analysis; a transcript without speakers is a 400")
    void conversations() throws Exception {
        Session owner = register("Conversations");
        Session manager = createUser(owner, "sales_manager");
        MvcResult created = mvc.perform(manager.auth(post("/api/v1/conversations/analyze"))
                        .contentType(MediaType.APPLICATION_JSON).content(ContentBodies.CONVERSATION))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("call"))
                .andExpect(jsonPath("$.title").value("call with Rep, Dana"))
                .andExpect(jsonPath("$.method").value("rules"))
                .andExpect(jsonPath("$.analysis.overall_sentiment.label").isNotEmpty())
                .andExpect(jsonPath("$.analysis.objections[*].speaker").value(hasItem("Dana")))
                .andReturn();
        String id = read(created, "$.id");
        mvc.perform(manager.auth(get("/api/v1/conversations/" + id)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.transcript").value(org.hamcrest.Matchers.startsWith("Rep: Thanks for joining")));
        mvc.perform(owner.auth(get("/api/v1/conversations"))).andExpect(jsonPath("$.items[*].id").value(contains(id)));
        mvc.perform(register("Conversations Stranger").auth(get("/api/v1/conversations/" + id)))
                .andExpect(status().isNotFound());
        mvc.perform(manager.auth(post("/api/v1/conversations/analyze")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"call\",\"transcript\":\"no speaker lines here\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Speaker: text")));
        mvc.perform(manager.auth(post("/api/v1/conversations/analyze")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"fax\",\"transcript\":\"A: b\"}"))
                .andExpect(status().isBadRequest());
    }
}
