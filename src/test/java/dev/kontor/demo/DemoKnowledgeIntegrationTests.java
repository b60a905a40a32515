package dev.kontor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.knowledge.ArticleView;
import dev.kontor.knowledge.KnowledgeBase;
import dev.kontor.knowledge.PolicyArticle;
import dev.kontor.shared.ClientScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo's knowledge bases: policies in four languages that quote the client's own return window. */
@KontorIntegrationTest
class DemoKnowledgeIntegrationTests {

    @Autowired
    DemoAnswers answers;

    @Autowired
    DemoKnowledge demo;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    TestFixtures fixtures;

    @Test
    void seedsPoliciesThatAgreeWithTheReturnWindowInFourLanguages() {
        ClientView client = fixtures.client();
        answers.seed(client, "Casa Bella Home", 14, List.of(fixtures.store(client)));

        demo.seed(client, "Casa Bella Home", "BRT", "https://help.example");

        List<ArticleView> all = knowledge.articles(ClientScope.everything(), client.id(), null);
        assertThat(all).hasSizeBetween(8, 12);
        assertThat(all).allSatisfy(a -> assertThat(a.languages()).containsExactly("en", "de", "fr", "it"));
        assertThat(all).extracting(ArticleView::visibility).contains("public", "internal");
        assertThat(all)
                .extracting(ArticleView::policyKind)
                .contains("returns", "refunds", "shipping", "warranty", "cancellations");
        List<PolicyArticle> returns = knowledge.policiesFor(client.id(), "return", "de");
        assertThat(returns).extracting(PolicyArticle::kind).contains("returns", "refunds");
        assertThat(returns).allSatisfy(p -> assertThat(p.language()).isEqualTo("de"));
        assertThat(returns)
                .filteredOn(p -> p.kind().equals("returns"))
                .singleElement()
                .satisfies(p -> assertThat(p.body()).contains("14 Tagen").doesNotContain("30"));
        assertThat(knowledge.policiesFor(client.id(), "cancellation", "it"))
                .singleElement()
                .satisfies(p -> assertThat(p.body()).contains("14 giorni"));
    }
}
