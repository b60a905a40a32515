package dev.kontor.knowledge;

import static dev.kontor.knowledge.KnowledgeBaseIntegrationTests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.shared.ClientScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Full-text search in each article's language (stemmed, accents folded), word prefixes and substrings for what
 * stemming misses, the reader's language first, and never an article of a client the reader does not serve.
 */
@KontorIntegrationTest
class KnowledgeSearchIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    KnowledgeBase knowledge;

    ClientView client;
    ClientView other;
    ClientScope scope;
    ArticleView returns;
    ArticleView shipping;
    ArticleView refunds;
    ArticleView englishOnly;

    ArticleView article(ClientView c, String category, Map<String, VariantText> texts) {
        return knowledge.create(
                ClientScope.everything(),
                new Author(null, "Editor"),
                new SaveArticle(c.id(), "internal", "none", null, List.of(category), List.of(), texts));
    }

    @BeforeEach
    void articles() {
        client = fixtures.client();
        other = fixtures.client();
        scope = ClientScope.of(List.of(client.id()));
        returns = article(
                client,
                "return",
                texts(
                        "de",
                        "Rücksendung und Umtausch",
                        "Eine Rücksendung ist binnen 30 Tagen möglich. Das Etikett schicken wir per E-Mail.",
                        "en",
                        "Returning an item",
                        "Items can be returned within 30 days. We e-mail the label."));
        shipping = article(
                client,
                "where_is_my_order",
                texts(
                        "fr",
                        "Délais d'expédition",
                        "Nous expédions sous 24 heures ouvrées. Le suivi arrive par e-mail.",
                        "it",
                        "Tempi di spedizione",
                        "Spediamo entro 24 ore lavorative."));
        refunds = article(
                client,
                "refund",
                texts("it", "Rimborsi", "Il rimborso arriva entro 14 giorni sul metodo di pagamento. Rif. ORD-7781."));
        englishOnly = article(
                client, "return", texts("en", "Return labels for bulky goods", "Bulky goods are returned by freight."));
        article(
                other,
                "return",
                texts(
                        "de",
                        "Rücksendungen bei B",
                        "Rücksendung nur mit Nummer.",
                        "en",
                        "Returns at B",
                        "Returns need a number."));
    }

    List<Long> ids(String query, String... readerLanguages) {
        return knowledge.search(scope, null, query, null, List.of(readerLanguages), 20).stream()
                .map(ArticleHit::articleId)
                .toList();
    }

    @Test
    void germanFindsInflectedForms() {
        assertThat(ids("Rücksendungen", "de")).containsExactly(returns.id());
        assertThat(ids("rucksendung", "de")).containsExactly(returns.id());
    }

    @Test
    void frenchAndItalianFindWordsWithOrWithoutAccents() {
        assertThat(ids("expedition", "fr")).containsExactly(shipping.id());
        assertThat(ids("délai", "fr")).containsExactly(shipping.id());
        assertThat(ids("spedizioni", "it")).containsExactly(shipping.id());
        assertThat(ids("rimborso", "it")).containsExactly(refunds.id());
    }

    @Test
    void prefixesAndSubstringsFindWhatStemmingMisses() {
        assertThat(ids("rücks", "de")).containsExactly(returns.id());
        assertThat(ids("7781", "en")).containsExactly(refunds.id());
        assertThat(ids("ORD-7781", "en")).containsExactly(refunds.id());
        assertThat(ids("nothing like this", "en")).isEmpty();
    }

    @Test
    void resultsInTheReadersLanguageComeFirstAndShowThatVariant() {
        List<ArticleHit> hits = knowledge.search(scope, null, "returned", null, List.of("de"), 20);
        assertThat(hits).extracting(ArticleHit::articleId).containsExactly(returns.id(), englishOnly.id());
        assertThat(hits.get(0).language()).isEqualTo("de");
        assertThat(hits.get(0).title()).isEqualTo("Rücksendung und Umtausch");
        assertThat(hits.get(1).language()).isEqualTo("en");
        assertThat(hits.get(0).excerpt()).contains("binnen 30 Tagen");
    }

    @Test
    void aBlankQueryListsTheCategorysArticles() {
        assertThat(knowledge.search(scope, client.id(), " ", "return", List.of("en"), 20))
                .extracting(ArticleHit::articleId)
                .containsExactlyInAnyOrder(returns.id(), englishOnly.id());
    }

    @Test
    void aReaderNeverFindsAnotherClientsArticles() {
        assertThat(knowledge.search(scope, null, "Rücksendungen", null, List.of("de"), 20))
                .allMatch(h -> h.clientId() == client.id());
        assertThat(knowledge.search(scope, other.id(), "Rücksendungen", null, List.of("de"), 20))
                .isEmpty();
        assertThat(knowledge.search(ClientScope.of(List.of()), null, "returns", null, List.of("en"), 20))
                .isEmpty();
        assertThat(knowledge.search(ClientScope.of(List.of(other.id())), null, "Rücksendungen", null, List.of(), 20))
                .extracting(ArticleHit::title)
                .containsExactly("Rücksendungen bei B");
    }
}
