package dev.kontor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Articles kept per client with their languages and revisions, and the policies drafts read. */
@KontorIntegrationTest
class KnowledgeBaseIntegrationTests {

    static final Author EDITOR = new Author(null, "Editor");

    @Autowired
    TestFixtures fixtures;

    @Autowired
    KnowledgeBase knowledge;

    static Map<String, VariantText> texts(String... languageTitleBody) {
        Map<String, VariantText> out = new LinkedHashMap<>();
        for (int i = 0; i < languageTitleBody.length; i += 3) {
            out.put(languageTitleBody[i], new VariantText(languageTitleBody[i + 1], languageTitleBody[i + 2]));
        }
        return out;
    }

    ArticleView article(ClientView client, String kind, List<String> categories, Map<String, VariantText> texts) {
        return knowledge.create(
                ClientScope.everything(),
                EDITOR,
                new SaveArticle(client.id(), "internal", kind, null, categories, List.of(), texts));
    }

    @Test
    void policiesForACategoryComeInTheAskedLanguageOrTheOriginal() {
        ClientView client = fixtures.client();
        ArticleView returns = article(
                client,
                "returns",
                List.of("return"),
                texts(
                        "de",
                        "Rücksendungen",
                        "Rücksendung binnen 30 Tagen.",
                        "en",
                        "Returns",
                        "Return within 30 days."));
        ArticleView shipping =
                article(client, "shipping", List.of(), texts("fr", "Livraison", "Expédition sous 24 heures."));
        article(client, "warranty", List.of("damaged_or_defective"), texts("en", "Warranty", "Two years."));
        article(client, "none", List.of(), texts("en", "Opening hours", "Mon-Fri."));
        article(fixtures.client(), "returns", List.of(), texts("en", "Other client's returns", "Never."));

        assertThat(knowledge.policiesFor(client.id(), "return", "en"))
                .containsExactly(
                        new PolicyArticle(returns.id(), "returns", "Returns", "Return within 30 days.", "en"),
                        new PolicyArticle(shipping.id(), "shipping", "Livraison", "Expédition sous 24 heures.", "fr"));
        assertThat(knowledge.policiesFor(client.id(), "return", "it"))
                .extracting(PolicyArticle::language)
                .containsExactly("de", "fr");
        assertThat(knowledge.policiesFor(client.id(), "damaged_or_defective", "en"))
                .extracting(PolicyArticle::kind)
                .containsExactly("shipping", "warranty");
        assertThat(knowledge.policiesFor(client.id(), null, "en"))
                .extracting(PolicyArticle::kind)
                .containsExactly("returns", "shipping", "warranty");
    }

    @Test
    void everySavedTextIsARevisionThatCanBeRestored() {
        ClientView client = fixtures.client();
        ArticleView a = article(client, "none", List.of(), texts("en", "Gift cards", "Valid one year."));
        knowledge.update(
                a.id(),
                ClientScope.everything(),
                new Author(null, "Second editor"),
                new SaveArticle(
                        null,
                        "public",
                        "none",
                        "https://help.example.org/gift-cards",
                        List.of("product_question"),
                        List.of("Gift"),
                        texts("en", "Gift cards", "Valid three years.", "de", "Gutscheine", "Drei Jahre gültig.")));

        List<RevisionView> english = knowledge.revisions(a.id(), "en", ClientScope.everything());
        assertThat(english).extracting(RevisionView::body).containsExactly("Valid three years.", "Valid one year.");
        assertThat(english).extracting(RevisionView::authorName).containsExactly("Second editor", "Editor");

        ArticleView restored =
                knowledge.restore(a.id(), english.get(1).id(), ClientScope.everything(), new Author(null, "Undo"));
        assertThat(restored.variant("en").orElseThrow().body()).isEqualTo("Valid one year.");
        assertThat(restored.languages()).containsExactly("en", "de");
        assertThat(restored.tags()).containsExactly("gift");
        assertThat(restored.isPublic()).isTrue();
        assertThat(knowledge.revisions(a.id(), "en", ClientScope.everything()))
                .hasSize(3)
                .first()
                .satisfies(r -> assertThat(r.authorName()).isEqualTo("Undo"));
    }

    @Test
    void badInputNamesTheFieldAndOtherClientsArticlesDoNotExist() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        assertThatThrownBy(() -> knowledge.create(
                        ClientScope.everything(),
                        EDITOR,
                        new SaveArticle(
                                a.id(),
                                "secret",
                                "discounts",
                                "ftp://x",
                                List.of("wismo"),
                                List.of(),
                                texts("english", "T", "B", "de", "", "Nur Text"))))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "visibility",
                                        "policyKind",
                                        "externalUrl",
                                        "categories",
                                        "variants.english",
                                        "variants.de.title"));

        ArticleView ofB = article(b, "none", List.of(), texts("en", "B only", "Secret."));
        ClientScope onlyA = ClientScope.of(List.of(a.id()));
        assertThatThrownBy(() -> knowledge.article(ofB.id(), onlyA)).isInstanceOf(NotFound.class);
        assertThat(knowledge.articles(onlyA, null, null)).noneMatch(x -> x.clientId() == b.id());
        assertThat(knowledge.articles(onlyA, b.id(), null)).isEmpty();
        assertThatThrownBy(() -> knowledge.publicArticle(b.id(), ofB.id())).isInstanceOf(NotFound.class);
    }
}
