package dev.kontor.demo;

import dev.kontor.answers.AnswerCommands.SaveMacro;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.answers.MacroManagement;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.answers.TemplateView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The starter answers of the demo clients: WISMO with tracking, return approved with label, partial refund with
 * reason and cancellation confirmed, each a template in en/de/fr/it and a macro, plus store signatures and a return
 * window, so the composer's "/" and the macro menu have something real to show.
 */
@Component
class DemoAnswers {

    private static final ClientScope ALL = ClientScope.everything();

    private final TemplateManagement templates;
    private final MacroManagement macros;

    DemoAnswers(TemplateManagement templates, MacroManagement macros) {
        this.templates = templates;
        this.macros = macros;
    }

    void seed(ClientView client, String brand, int returnDays, Collection<StoreView> stores) {
        templates.setReturnDays(client.id(), ALL, returnDays);
        for (StoreView store : stores) {
            templates.setSignatures(
                    store.id(),
                    ALL,
                    Map.of(
                            "*", "Your " + brand + " team",
                            "en", "Kind regards\nYour " + brand + " team",
                            "de", "Viele Grüße\nIhr " + brand + "-Team",
                            "fr", "Cordialement\nL'équipe " + brand,
                            "it", "Cordiali saluti\nIl team " + brand));
        }
        TemplateView wismo = template(
                client,
                "WISMO with tracking",
                "wismo",
                "where_is_my_order",
                variants(
                        "Hello {{customer.first_name}},\n\nyour order {{order.number}} is {{order.state}} and on its way with"
                                + " {{order.carrier}}. Your tracking number is {{order.tracking_number}}; you can follow the"
                                + " parcel here: {{order.tracking_link}}\n\n{{store.signature}}",
                        "Hallo {{customer.first_name}},\n\nIhre Bestellung {{order.number}} ist {{order.state}} und mit"
                                + " {{order.carrier}} unterwegs. Ihre Sendungsnummer lautet {{order.tracking_number}}; Sie"
                                + " können das Paket hier verfolgen: {{order.tracking_link}}\n\n{{store.signature}}",
                        "Bonjour {{customer.first_name}},\n\nvotre commande {{order.number}} est {{order.state}} et en"
                                + " route avec {{order.carrier}}. Votre numéro de suivi est {{order.tracking_number}} ; vous"
                                + " pouvez suivre le colis ici : {{order.tracking_link}}\n\n{{store.signature}}",
                        "Gentile {{customer.first_name}},\n\nil suo ordine {{order.number}} è {{order.state}} ed è in"
                                + " viaggio con {{order.carrier}}. Il numero di tracciamento è {{order.tracking_number}};"
                                + " può seguire il pacco qui: {{order.tracking_link}}\n\n{{store.signature}}"));
        TemplateView returns = template(
                client,
                "Return approved with label",
                "return",
                "return",
                variants(
                        "Hello {{customer.first_name}},\n\nwe have approved your return for order {{order.number}}. The"
                                + " prepaid return label is attached to this message. Please send the items back by"
                                + " {{order.return_until}}; we refund you as soon as they arrive.\n\n{{store.signature}}",
                        "Hallo {{customer.first_name}},\n\nwir haben Ihre Rücksendung für die Bestellung {{order.number}}"
                                + " genehmigt. Das frankierte Rücksendeetikett finden Sie im Anhang. Bitte senden Sie die"
                                + " Artikel bis zum {{order.return_until}} zurück; wir erstatten den Betrag, sobald sie"
                                + " ankommen.\n\n{{store.signature}}",
                        "Bonjour {{customer.first_name}},\n\nnous avons accepté le retour de votre commande"
                                + " {{order.number}}. L'étiquette de retour prépayée est jointe à ce message. Merci de"
                                + " renvoyer les articles avant le {{order.return_until}} ; nous vous remboursons dès leur"
                                + " réception.\n\n{{store.signature}}",
                        "Gentile {{customer.first_name}},\n\nabbiamo approvato il reso dell'ordine {{order.number}}."
                                + " In allegato trova l'etichetta di reso prepagata. La preghiamo di rispedire gli articoli"
                                + " entro il {{order.return_until}}; la rimborseremo appena arrivano.\n\n{{store.signature}}"));
        TemplateView refund = template(
                client,
                "Partial refund with reason",
                "refund",
                "refund",
                variants(
                        "Hello {{customer.first_name}},\n\nwe have refunded {{refund.amount}} of your order {{order.number}}"
                                + " ({{order.total}}): {{refund.reason}}. The amount reaches your account within a few"
                                + " days.\n\n{{store.signature}}",
                        "Hallo {{customer.first_name}},\n\nwir haben Ihnen {{refund.amount}} Ihrer Bestellung"
                                + " {{order.number}} ({{order.total}}) erstattet: {{refund.reason}}. Der Betrag ist in"
                                + " wenigen Tagen auf Ihrem Konto.\n\n{{store.signature}}",
                        "Bonjour {{customer.first_name}},\n\nnous vous avons remboursé {{refund.amount}} sur votre commande"
                                + " {{order.number}} ({{order.total}}) : {{refund.reason}}. Le montant sera sur votre compte"
                                + " d'ici quelques jours.\n\n{{store.signature}}",
                        "Gentile {{customer.first_name}},\n\nle abbiamo rimborsato {{refund.amount}} dell'ordine"
                                + " {{order.number}} ({{order.total}}): {{refund.reason}}. L'importo arriverà sul suo conto"
                                + " entro pochi giorni.\n\n{{store.signature}}"));
        TemplateView cancelled = template(
                client,
                "Cancellation confirmed",
                "cancel",
                "cancellation",
                variants(
                        "Hello {{customer.first_name}},\n\nyour order {{order.number}} has been cancelled as you asked."
                                + " Any payment is refunded in full within a few days.\n\n{{store.signature}}",
                        "Hallo {{customer.first_name}},\n\nIhre Bestellung {{order.number}} wurde wie gewünscht storniert."
                                + " Bereits gezahlte Beträge erstatten wir in den nächsten Tagen vollständig.\n\n"
                                + "{{store.signature}}",
                        "Bonjour {{customer.first_name}},\n\nvotre commande {{order.number}} a été annulée comme demandé."
                                + " Tout paiement vous sera intégralement remboursé sous quelques jours.\n\n"
                                + "{{store.signature}}",
                        "Gentile {{customer.first_name}},\n\nil suo ordine {{order.number}} è stato annullato come"
                                + " richiesto. Eventuali pagamenti le saranno rimborsati per intero entro pochi giorni.\n\n"
                                + "{{store.signature}}"));
        macro(client, "WISMO with tracking", wismo, List.of("wismo"), "pending", null);
        macro(client, "Return approved", returns, List.of("return-approved"), "solved", "Return label sent.");
        macro(client, "Partial refund", refund, List.of("partial-refund"), "solved", null);
        macro(client, "Cancellation confirmed", cancelled, List.of("cancelled"), "solved", null);
    }

    private TemplateView template(
            ClientView client, String name, String shortcut, String category, Map<String, String> variants) {
        return templates.create(ALL, new SaveTemplate(client.id(), null, category, name, shortcut, variants));
    }

    private void macro(ClientView client, String name, TemplateView t, List<String> tags, String status, String note) {
        macros.create(
                ALL, new SaveMacro(client.id(), name, t.id(), tags, List.of(), status, null, null, null, null, note));
    }

    private static Map<String, String> variants(String en, String de, String fr, String it) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("en", en);
        v.put("de", de);
        v.put("fr", fr);
        v.put("it", it);
        return v;
    }
}
