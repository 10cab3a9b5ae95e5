package dev.salesagent.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrmDependencyRuleTest {

    private final ClassLoader loader = CrmDependencyRuleTest.class.getClassLoader();

    @Test
    void reportsEveryListedClassTheLoaderCanLoad() {
        assertThat(CrmDependencyRule.loadable(loader,
                List.of("okhttp3.OkHttpClient", "dev.langchain4j.model.chat.ChatModel", "dev.salesagent.crm.CrmClient")))
                .containsExactly("okhttp3.OkHttpClient", "dev.salesagent.crm.CrmClient");
    }

    @Test
    void theKitItselfCarriesNoModelStack() {
        assertThat(CrmDependencyRule.violations(loader)).isEmpty();
    }
}
