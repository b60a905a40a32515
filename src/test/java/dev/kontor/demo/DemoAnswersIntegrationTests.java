package dev.kontor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.answers.MacroManagement;
import dev.kontor.answers.MacroView;
import dev.kontor.answers.Placeholders;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.answers.TemplateView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo's starter answers: four templates in en/de/fr/it with their macros, valid and complete. */
@KontorIntegrationTest
class DemoAnswersIntegrationTests {

    @Autowired
    DemoAnswers demo;

    @Autowired
    TemplateManagement templates;

    @Autowired
    MacroManagement macros;

    @Autowired
    TestFixtures fixtures;

    @Test
    void seedsTheFourStarterMacrosInFourLanguages() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);

        demo.seed(client, "Nordwind Outdoor", 30, List.of(store));

        List<TemplateView> ts = templates.templates(ClientScope.everything(), client.id());
        assertThat(ts)
                .extracting(TemplateView::name)
                .containsExactlyInAnyOrder(
                        "WISMO with tracking",
                        "Return approved with label",
                        "Partial refund with reason",
                        "Cancellation confirmed");
        assertThat(ts).allSatisfy(t -> {
            assertThat(t.languages()).containsExactlyInAnyOrder("en", "de", "fr", "it");
            // Every language asks for the same facts.
            assertThat(t.variants())
                    .extracting(
                            v -> Placeholders.used(v.body()).stream().sorted().toList())
                    .containsOnly(
                            Placeholders.used(t.variant("en").orElseThrow().body()).stream()
                                    .sorted()
                                    .toList());
        });
        assertThat(macros.macros(ClientScope.everything(), client.id()))
                .extracting(MacroView::name)
                .containsExactlyInAnyOrder(
                        "WISMO with tracking", "Return approved", "Partial refund", "Cancellation confirmed");
        assertThat(templates.signatures(store.id(), ClientScope.everything()))
                .containsKeys("*", "en", "de", "fr", "it");
        assertThat(templates.returnDays(client.id(), ClientScope.everything())).contains(30);
    }
}
