package dev.kontor.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.drafts.internal.Guardrails;
import dev.kontor.drafts.internal.SpringAiDraftModel;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drafts evaluation: every labelled sample message (src/test/resources/triage/customer-messages.jsonl) becomes a
 * ticket through the normal pass (triage decides language, category and order), its order is known to Kontor, and
 * "Draft reply" is asked for. Printed per customer language: how many drafts are in the right language, carry the
 * right order facts (the order number; for "where is my order" also the tracking number) and raise no flag.
 * Template drafts always run, with floors; model drafts run when {@code -Dkontor.drafts.eval.base-url=...} (and
 * optionally {@code -Dkontor.drafts.eval.model=...}, key in {@code KONTOR_DRAFTS_EVAL_API_KEY}) names a model.
 * The table also goes to target/drafts-evaluation.md. Numbers: docs/drafts.md.
 */
@KontorIntegrationTest
class DraftsEvaluationTests {

    /** Templates in the four languages Kontor's demo clients write; other customers' languages need translation. */
    static final Map<String, Map<String, String>> TEMPLATES = Map.of(
            "where_is_my_order",
            Map.of(
                    "en",
                            "Hello {{customer.first_name}}, your order {{order.number}} is on its way with {{order.carrier}}, tracking number {{order.tracking_number}}: {{order.tracking_link}}",
                    "de",
                            "Hallo {{customer.first_name}}, Ihre Bestellung {{order.number}} ist mit {{order.carrier}} unterwegs, Sendungsnummer {{order.tracking_number}}: {{order.tracking_link}}",
                    "fr",
                            "Bonjour {{customer.first_name}}, votre commande {{order.number}} est en route avec {{order.carrier}}, numéro de suivi {{order.tracking_number}} : {{order.tracking_link}}",
                    "it",
                            "Buongiorno {{customer.first_name}}, il suo ordine {{order.number}} è in viaggio con {{order.carrier}}, numero di tracciamento {{order.tracking_number}}: {{order.tracking_link}}"),
            "cancellation",
            Map.of(
                    "en",
                            "Hello {{customer.first_name}}, we have received your request to cancel order {{order.number}} and will confirm it shortly.",
                    "de",
                            "Hallo {{customer.first_name}}, wir haben Ihre Stornierung der Bestellung {{order.number}} erhalten und bestätigen sie in Kürze.",
                    "fr",
                            "Bonjour {{customer.first_name}}, nous avons bien reçu votre demande d'annulation de la commande {{order.number}} et vous la confirmons sous peu.",
                    "it",
                            "Buongiorno {{customer.first_name}}, abbiamo ricevuto la sua richiesta di annullare l'ordine {{order.number}} e gliela confermeremo a breve."),
            "return",
            Map.of(
                    "en",
                            "Hello {{customer.first_name}}, you can return the items of order {{order.number}} until {{order.return_until}}.",
                    "de",
                            "Hallo {{customer.first_name}}, Sie können die Artikel der Bestellung {{order.number}} bis zum {{order.return_until}} zurücksenden.",
                    "fr",
                            "Bonjour {{customer.first_name}}, vous pouvez retourner les articles de la commande {{order.number}} jusqu'au {{order.return_until}}.",
                    "it",
                            "Buongiorno {{customer.first_name}}, può restituire gli articoli dell'ordine {{order.number}} fino al {{order.return_until}}."),
            "refund",
            Map.of(
                    "en",
                            "Hello {{customer.first_name}}, we are checking the refund for order {{order.number}} ({{order.total}}) and will get back to you.",
                    "de",
                            "Hallo {{customer.first_name}}, wir prüfen die Erstattung für die Bestellung {{order.number}} ({{order.total}}) und melden uns.",
                    "fr",
                            "Bonjour {{customer.first_name}}, nous vérifions le remboursement de la commande {{order.number}} ({{order.total}}) et revenons vers vous.",
                    "it",
                            "Buongiorno {{customer.first_name}}, stiamo verificando il rimborso dell'ordine {{order.number}} ({{order.total}}) e le faremo sapere."),
            "damaged_or_defective",
            Map.of(
                    "en",
                            "Hello {{customer.first_name}}, we are sorry about the problem with order {{order.number}}. Could you send us a photo?",
                    "de",
                            "Hallo {{customer.first_name}}, das Problem mit der Bestellung {{order.number}} tut uns leid. Können Sie uns ein Foto schicken?",
                    "fr",
                            "Bonjour {{customer.first_name}}, nous sommes désolés du problème avec la commande {{order.number}}. Pouvez-vous nous envoyer une photo ?",
                    "it",
                            "Buongiorno {{customer.first_name}}, ci dispiace per il problema con l'ordine {{order.number}}. Può inviarci una foto?"),
            "invoice",
            Map.of(
                    "en", "Hello {{customer.first_name}}, please find the invoice for order {{order.number}} attached.",
                    "de", "Hallo {{customer.first_name}}, anbei die Rechnung zur Bestellung {{order.number}}.",
                    "fr",
                            "Bonjour {{customer.first_name}}, veuillez trouver ci-joint la facture de la commande {{order.number}}.",
                    "it", "Buongiorno {{customer.first_name}}, in allegato la fattura dell'ordine {{order.number}}."),
            "address_change",
            Map.of(
                    "en",
                            "Hello {{customer.first_name}}, we will check whether the address of order {{order.number}} can still be changed.",
                    "de",
                            "Hallo {{customer.first_name}}, wir prüfen, ob die Adresse der Bestellung {{order.number}} noch geändert werden kann.",
                    "fr",
                            "Bonjour {{customer.first_name}}, nous vérifions si l'adresse de la commande {{order.number}} peut encore être modifiée.",
                    "it",
                            "Buongiorno {{customer.first_name}}, verifichiamo se l'indirizzo dell'ordine {{order.number}} può ancora essere modificato."),
            "quote",
            Map.of(
                    "en", "Hello {{customer.first_name}}, thank you for your request; we will send you an offer.",
                    "de", "Hallo {{customer.first_name}}, vielen Dank für Ihre Anfrage, wir senden Ihnen ein Angebot.",
                    "fr", "Bonjour {{customer.first_name}}, merci pour votre demande, nous vous envoyons une offre.",
                    "it", "Buongiorno {{customer.first_name}}, grazie per la richiesta, le invieremo un'offerta."),
            "product_question",
            Map.of(
                    "en",
                            "Hello {{customer.first_name}}, thank you for your question about our products; here is the answer.",
                    "de", "Hallo {{customer.first_name}}, danke für Ihre Frage zu unseren Produkten, hier die Antwort.",
                    "fr",
                            "Bonjour {{customer.first_name}}, merci pour votre question sur nos produits, voici la réponse.",
                    "it",
                            "Buongiorno {{customer.first_name}}, grazie per la domanda sui nostri prodotti, ecco la risposta."),
            "other",
            Map.of(
                    "en", "Hello {{customer.first_name}}, thank you for your message; we will get back to you shortly.",
                    "de", "Hallo {{customer.first_name}}, danke für Ihre Nachricht, wir melden uns in Kürze.",
                    "fr",
                            "Bonjour {{customer.first_name}}, merci pour votre message, nous revenons vers vous rapidement.",
                    "it", "Buongiorno {{customer.first_name}}, grazie per il messaggio, le risponderemo a breve."));

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TemplateManagement templates;

    @Autowired
    OrderManagement orders;

    @Autowired
    ClientManagement clients;

    @Autowired
    TicketQueries tickets;

    @Autowired
    DraftManagement drafts;

    record Sample(String id, String lang, String intent, String orderRef, String subject, String body) {}

    record Outcome(Sample sample, Draft draft, OrderData order) {
        boolean rightLanguage() {
            return sample.lang().equals(draft.language())
                    && draft.flags().stream().noneMatch(f -> f.code().equals(Guardrails.WRONG_LANGUAGE));
        }

        /** The order number of a message about an order (and the tracking of a WISMO one); none invented. */
        boolean rightOrderFacts() {
            if (draft.flags().stream().anyMatch(f -> f.code().equals(Guardrails.UNKNOWN_NUMBER))) {
                return false;
            }
            if (order == null) {
                return true;
            }
            boolean number = draft.text().contains(order.orderId());
            return "where_is_my_order".equals(sample.intent())
                    ? number && draft.text().contains(order.trackingNumber())
                    : number;
        }

        boolean unflagged() {
            return draft.flags().isEmpty();
        }
    }

    static List<Sample> samples() throws Exception {
        List<Sample> out = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DraftsEvaluationTests.class.getResourceAsStream("/triage/customer-messages.jsonl"),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                out.add(new Sample(
                        n.get("id").asString(),
                        n.get("lang").asString(),
                        n.get("intent").asString(),
                        n.get("order_ref").isNull() ? null : n.get("order_ref").asString(),
                        n.get("subject").asString(),
                        n.get("body").asString()));
            }
        }
        return out;
    }

    @Test
    void templateDraftsCarryTheCustomersLanguageAndTheOrdersFacts() throws Exception {
        List<Outcome> outcomes = run(null);
        String table = table("template", outcomes);
        System.out.println(table);
        report(table);

        List<Outcome> covered = outcomes.stream()
                .filter(o -> List.of("en", "de", "fr", "it").contains(o.sample().lang()))
                .toList();
        // Floors for the languages the templates are written in (other languages need a translation provider).
        assertThat(share(covered, Outcome::rightLanguage)).isGreaterThanOrEqualTo(0.9);
        assertThat(share(covered, Outcome::rightOrderFacts)).isGreaterThanOrEqualTo(0.75);
        assertThat(share(covered, Outcome::unflagged)).isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void modelDraftsWhenAModelIsNamed() throws Exception {
        String baseUrl = System.getProperty("kontor.drafts.eval.base-url");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                baseUrl != null && !baseUrl.isBlank(), "no model named (-Dkontor.drafts.eval.base-url)");
        DraftModel model = new SpringAiDraftModel(new DraftSettings(
                baseUrl,
                System.getenv("KONTOR_DRAFTS_EVAL_API_KEY"),
                System.getProperty("kontor.drafts.eval.model", "llama3.1"),
                Duration.ofSeconds(120),
                800,
                0.2,
                DraftSettings.Location.LOCAL,
                1));
        List<Outcome> outcomes = run(model);
        String table = table("model " + model.name(), outcomes);
        System.out.println(table);
        report(table);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.draft().kind()).isEqualTo(Draft.Kind.MODEL));
    }

    List<Outcome> run(DraftModel model) throws Exception {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        long channel = clients.apiChannelOf(store.id()).id();
        templates.setReturnDays(client.id(), ClientScope.everything(), 30);
        TEMPLATES.forEach((category, variants) -> templates.create(
                ClientScope.everything(), new SaveTemplate(client.id(), null, category, category, null, variants)));
        if (model != null) {
            drafts.saveSettings(client.id(), ClientScope.everything(), "allowed", "");
        }
        List<Outcome> out = new ArrayList<>();
        for (Sample s : samples()) {
            OrderData order = s.orderRef() == null ? null : order(s.orderRef());
            if (order != null) {
                orders.record(client.id(), channel, order);
            }
            long id = fixtures.ticket(store, s.subject(), s.body(), null).ticketId();
            awaitTriage(id);
            Draft d = model == null
                    ? drafts.draft(id, ClientScope.everything(), null, "Alex")
                    : drafts.draft(id, ClientScope.everything(), null, "Alex", model);
            out.add(new Outcome(s, d, order));
        }
        return out;
    }

    static OrderData order(String ref) {
        Instant ordered = Instant.parse("2026-11-20T10:00:00Z");
        return new OrderData(
                ref,
                ref,
                "SHIPPED",
                false,
                "EUR",
                new BigDecimal("89.90"),
                new BigDecimal("4.90"),
                "DHL",
                "JJD"
                        + ref.replaceAll("\\D", "")
                                .substring(
                                        0, Math.min(6, ref.replaceAll("\\D", "").length())) + "4471",
                "https://www.dhl.de/track?piececode=JJD",
                Instant.parse("2026-11-23T17:00:00Z"),
                "Sam Example",
                "sam@example.org",
                ordered,
                ordered,
                List.of(new OrderData.Line(
                        "1", "SKU-1", "Walking boots", 1, new BigDecimal("85.00"), null, "SHIPPED")));
    }

    void awaitTriage(long ticketId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            TicketView t = tickets.find(ticketId, ClientScope.everything()).orElseThrow();
            if (t.language() != null && t.category() != null) {
                fixtures.awaitListenersDone(ticketId);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ticket " + ticketId + " was not triaged in 30 s");
    }

    static double share(List<Outcome> outcomes, Predicate<Outcome> ok) {
        return outcomes.isEmpty() ? 0 : (double) outcomes.stream().filter(ok).count() / outcomes.size();
    }

    static String table(String kind, List<Outcome> outcomes) {
        Map<String, List<Outcome>> byLanguage = new TreeMap<>();
        outcomes.forEach(o -> byLanguage
                .computeIfAbsent(o.sample().lang(), l -> new ArrayList<>())
                .add(o));
        StringBuilder t = new StringBuilder();
        t.append("\nDrafts (")
                .append(kind)
                .append(") on ")
                .append(outcomes.size())
                .append(" labelled messages\n\n");
        t.append("| language | drafts | right language | right order facts | no flag |\n");
        t.append("|---|---:|---:|---:|---:|\n");
        byLanguage.forEach((l, os) -> t.append(row(l, os)));
        t.append(row("**all**", outcomes));
        Map<String, Integer> flags = new TreeMap<>();
        outcomes.forEach(o -> o.draft().flags().forEach(f -> flags.merge(f.code(), 1, Integer::sum)));
        t.append("\nFlags raised: ").append(flags.isEmpty() ? "none" : flags).append("\n");
        return t.toString();
    }

    static String row(String label, List<Outcome> os) {
        return "| %s | %d | %d | %d | %d |\n"
                .formatted(
                        label,
                        os.size(),
                        os.stream().filter(Outcome::rightLanguage).count(),
                        os.stream().filter(Outcome::rightOrderFacts).count(),
                        os.stream().filter(Outcome::unflagged).count());
    }

    static void report(String table) throws Exception {
        Path file = Path.of("target", "drafts-evaluation.md");
        Files.writeString(
                file,
                table,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
