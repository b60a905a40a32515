package dev.kontor.demo;

import dev.kontor.answers.TemplateManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.knowledge.KnowledgeBase;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.shared.ClientScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The demo clients' knowledge bases: nine articles each in en/de/fr/it, public policies (returns, refunds,
 * shipping, warranty, cancellations) that state the client's return window as the answers' client policy has it,
 * a public FAQ and internal how-tos for agents.
 */
@Component
class DemoKnowledge {

    private static final ClientScope ALL = ClientScope.everything();
    private static final Author AUTHOR = new Author(null, "Kontor demo");

    private final KnowledgeBase knowledge;
    private final TemplateManagement templates;

    DemoKnowledge(KnowledgeBase knowledge, TemplateManagement templates) {
        this.knowledge = knowledge;
        this.templates = templates;
    }

    /** Seeds after the answers, whose return window (days from the order date) the policies quote. */
    void seed(ClientView client, String brand, String carrier, String helpCentre) {
        int days = templates
                .returnDays(client.id(), ALL)
                .orElseThrow(() -> new IllegalStateException("the demo sets the return window first"));
        article(
                client,
                "public",
                "returns",
                helpCentre + "/returns",
                List.of("return"),
                texts(
                        "en",
                        "Returns within " + days + " days",
                        "You can return any item within **" + days
                                + " days of the order date**, unused and in its original"
                                + " packaging.\n\n- Start the return in your customer account or reply to your order e-mail.\n"
                                + "- We e-mail you a prepaid " + carrier
                                + " return label.\n- Items from marketplaces are"
                                + " returned through the marketplace.",
                        "de",
                        "Rücksendung innerhalb von " + days + " Tagen",
                        "Sie können jeden Artikel innerhalb von **" + days
                                + " Tagen ab Bestelldatum** unbenutzt und in der"
                                + " Originalverpackung zurücksenden.\n\n- Starten Sie die Rücksendung im Kundenkonto oder"
                                + " antworten Sie auf Ihre Bestell-E-Mail.\n- Wir senden Ihnen ein frankiertes "
                                + carrier
                                + "-Rücksendeetikett per E-Mail.\n- Artikel von Marktplätzen senden Sie über den Marktplatz"
                                + " zurück.",
                        "fr",
                        "Retours sous " + days + " jours",
                        "Vous pouvez retourner tout article dans les **" + days
                                + " jours suivant la date de commande**, non"
                                + " utilisé et dans son emballage d'origine.\n\n- Lancez le retour depuis votre compte client"
                                + " ou répondez à l'e-mail de votre commande.\n- Nous vous envoyons une étiquette de retour "
                                + carrier
                                + " prépayée.\n- Les articles achetés sur une marketplace se retournent via la"
                                + " marketplace.",
                        "it",
                        "Resi entro " + days + " giorni",
                        "Puoi restituire qualsiasi articolo entro **" + days
                                + " giorni dalla data dell'ordine**, non usato e"
                                + " nella confezione originale.\n\n- Avvia il reso dal tuo account cliente o rispondi all'e-mail"
                                + " dell'ordine.\n- Ti inviamo un'etichetta di reso " + carrier + " prepagata.\n- Gli"
                                + " articoli acquistati su un marketplace si restituiscono tramite il marketplace."));
        article(
                client,
                "public",
                "refunds",
                helpCentre + "/refunds",
                List.of("refund", "return"),
                texts(
                        "en",
                        "Refunds",
                        "We refund to the original payment method within 5 business days after your return arrives in our"
                                + " warehouse. Returns within the " + days
                                + "-day window are refunded in full, including the"
                                + " original standard shipping costs. A partial refund for a damaged item never exceeds the"
                                + " item's price.",
                        "de",
                        "Erstattungen",
                        "Wir erstatten auf das ursprüngliche Zahlungsmittel innerhalb von 5 Werktagen, nachdem Ihre"
                                + " Rücksendung in unserem Lager eingetroffen ist. Rücksendungen innerhalb der " + days
                                + "-Tage-Frist erstatten wir vollständig, einschließlich der ursprünglichen"
                                + " Standardversandkosten. Eine Teilerstattung für einen beschädigten Artikel übersteigt nie"
                                + " dessen Preis.",
                        "fr",
                        "Remboursements",
                        "Nous remboursons sur le moyen de paiement d'origine sous 5 jours ouvrés après l'arrivée de votre"
                                + " retour dans notre entrepôt. Les retours dans le délai de " + days + " jours sont"
                                + " remboursés intégralement, frais de livraison standard inclus. Un remboursement partiel"
                                + " pour un article endommagé ne dépasse jamais le prix de l'article.",
                        "it",
                        "Rimborsi",
                        "Rimborsiamo sul metodo di pagamento originale entro 5 giorni lavorativi dall'arrivo del reso nel"
                                + " nostro magazzino. I resi entro i " + days
                                + " giorni sono rimborsati per intero, comprese"
                                + " le spese di spedizione standard. Un rimborso parziale per un articolo danneggiato non"
                                + " supera mai il prezzo dell'articolo."));
        article(
                client,
                "public",
                "shipping",
                helpCentre + "/shipping",
                List.of("where_is_my_order"),
                texts(
                        "en",
                        "Shipping and tracking",
                        "Orders placed on a business day before 2 pm leave our warehouse the same day with " + carrier
                                + ". Delivery takes 1-3 business days in Germany, Austria and Italy and 2-5 business days"
                                + " elsewhere in the EU. The tracking number comes by e-mail as soon as the parcel has"
                                + " left.",
                        "de",
                        "Versand und Sendungsverfolgung",
                        "Bestellungen, die an einem Werktag vor 14 Uhr eingehen, verlassen unser Lager am selben Tag mit "
                                + carrier
                                + ". Die Lieferung dauert in Deutschland, Österreich und Italien 1-3 Werktage, im"
                                + " übrigen EU-Ausland 2-5 Werktage. Die Sendungsnummer kommt per E-Mail, sobald das Paket"
                                + " unterwegs ist.",
                        "fr",
                        "Livraison et suivi",
                        "Les commandes passées un jour ouvré avant 14 h quittent notre entrepôt le jour même avec "
                                + carrier
                                + ". La livraison prend 1 à 3 jours ouvrés en Allemagne, en Autriche et en Italie, et 2 à 5"
                                + " jours ouvrés ailleurs dans l'UE. Le numéro de suivi arrive par e-mail dès l'expédition"
                                + " du colis.",
                        "it",
                        "Spedizione e tracciamento",
                        "Gli ordini effettuati in un giorno lavorativo entro le 14 lasciano il magazzino lo stesso giorno con "
                                + carrier
                                + ". La consegna richiede 1-3 giorni lavorativi in Germania, Austria e Italia e 2-5"
                                + " giorni lavorativi nel resto dell'UE. Il numero di tracciamento arriva via e-mail appena"
                                + " il pacco è partito."));
        article(
                client,
                "public",
                "warranty",
                helpCentre + "/warranty",
                List.of("damaged_or_defective"),
                texts(
                        "en",
                        "Warranty",
                        "Every product has the 2-year legal warranty from the delivery date. Send us a photo of the defect"
                                + " and your order number; we repair, replace or refund the item. Wear and tear and damage"
                                + " from misuse are not covered.",
                        "de",
                        "Gewährleistung",
                        "Für jedes Produkt gilt die gesetzliche Gewährleistung von 2 Jahren ab Lieferdatum. Senden Sie uns"
                                + " ein Foto des Mangels und Ihre Bestellnummer; wir reparieren, ersetzen oder erstatten den"
                                + " Artikel. Verschleiß und Schäden durch unsachgemäßen Gebrauch sind ausgenommen.",
                        "fr",
                        "Garantie",
                        "Chaque produit bénéficie de la garantie légale de 2 ans à compter de la livraison. Envoyez-nous une"
                                + " photo du défaut et votre numéro de commande ; nous réparons, remplaçons ou remboursons"
                                + " l'article. L'usure normale et les dommages dus à une mauvaise utilisation sont exclus.",
                        "it",
                        "Garanzia",
                        "Ogni prodotto ha la garanzia legale di 2 anni dalla consegna. Inviaci una foto del difetto e il"
                                + " numero d'ordine; ripariamo, sostituiamo o rimborsiamo l'articolo. Usura e danni da uso"
                                + " improprio sono esclusi."));
        article(
                client,
                "public",
                "cancellations",
                helpCentre + "/cancel",
                List.of("cancellation"),
                texts(
                        "en",
                        "Cancelling an order",
                        "You can cancel free of charge as long as the order has not shipped: reply to your order e-mail or"
                                + " use your customer account. Once it has shipped, refuse the parcel or return it within "
                                + days + " days of the order date.",
                        "de",
                        "Bestellung stornieren",
                        "Solange die Bestellung nicht versandt ist, können Sie kostenlos stornieren: Antworten Sie auf Ihre"
                                + " Bestell-E-Mail oder nutzen Sie Ihr Kundenkonto. Nach dem Versand verweigern Sie die"
                                + " Annahme oder senden das Paket innerhalb von " + days
                                + " Tagen ab Bestelldatum zurück.",
                        "fr",
                        "Annuler une commande",
                        "Vous pouvez annuler gratuitement tant que la commande n'est pas expédiée : répondez à l'e-mail de"
                                + " votre commande ou passez par votre compte client. Une fois expédiée, refusez le colis ou"
                                + " retournez-le dans les " + days + " jours suivant la date de commande.",
                        "it",
                        "Annullare un ordine",
                        "Puoi annullare gratuitamente finché l'ordine non è stato spedito: rispondi all'e-mail dell'ordine o"
                                + " usa il tuo account cliente. Dopo la spedizione, rifiuta il pacco o restituiscilo entro "
                                + days + " giorni dalla data dell'ordine."));
        article(
                client,
                "public",
                "none",
                null,
                List.of("address_change"),
                texts(
                        "en",
                        "Changing the delivery address",
                        "We can change the address until the order ships. After that, " + carrier + " can redirect the"
                                + " parcel from the tracking page.",
                        "de",
                        "Lieferadresse ändern",
                        "Bis zum Versand können wir die Adresse ändern. Danach kann " + carrier + " das Paket über die"
                                + " Sendungsverfolgung umleiten.",
                        "fr",
                        "Modifier l'adresse de livraison",
                        "Nous pouvons modifier l'adresse jusqu'à l'expédition. Ensuite, " + carrier
                                + " peut rediriger le" + " colis depuis la page de suivi.",
                        "it",
                        "Modificare l'indirizzo di consegna",
                        "Possiamo modificare l'indirizzo fino alla spedizione. Dopo, " + carrier
                                + " può reindirizzare il" + " pacco dalla pagina di tracciamento."));
        article(
                client,
                "internal",
                "none",
                null,
                List.of("damaged_or_defective"),
                texts(
                        "en",
                        "Damaged parcels: how we handle them",
                        "Ask for a photo of the item and of the parcel. Below 30 EUR we send a replacement without a return."
                                + " Above, send the return label (macro \"Return approved with label\") and tag the ticket"
                                + " 'damaged'. Report transport damage to " + carrier + " within 7 days.",
                        "de",
                        "Beschädigte Pakete: so gehen wir vor",
                        "Bitten Sie um ein Foto von Artikel und Paket. Unter 30 EUR schicken wir Ersatz ohne Rücksendung."
                                + " Darüber das Rücksendeetikett senden (Makro \"Return approved with label\") und das Ticket"
                                + " mit 'damaged' markieren. Transportschäden innerhalb von 7 Tagen an " + carrier
                                + " melden.",
                        "fr",
                        "Colis endommagés : notre procédure",
                        "Demandez une photo de l'article et du colis. En dessous de 30 EUR, nous envoyons un remplacement"
                                + " sans retour. Au-delà, envoyez l'étiquette de retour (macro \"Return approved with"
                                + " label\") et étiquetez le ticket 'damaged'. Signalez les dommages de transport à "
                                + carrier
                                + " sous 7 jours.",
                        "it",
                        "Pacchi danneggiati: come procediamo",
                        "Chiedi una foto dell'articolo e del pacco. Sotto i 30 EUR inviamo una sostituzione senza reso. Sopra,"
                                + " invia l'etichetta di reso (macro \"Return approved with label\") ed etichetta il ticket"
                                + " 'damaged'. Segnala i danni di trasporto a " + carrier + " entro 7 giorni."));
        article(
                client,
                "internal",
                "none",
                null,
                List.of(),
                texts(
                        "en",
                        "Marketplace orders: rules for replies",
                        "Marketplace customers are answered only through the marketplace. Never write an e-mail address,"
                                + " phone number or a link to our own shop in a marketplace reply; the marketplace blocks the"
                                + " message. Returns and refunds of marketplace orders go through the marketplace's return"
                                + " flow.",
                        "de",
                        "Marktplatz-Bestellungen: Regeln für Antworten",
                        "Marktplatzkunden antworten wir nur über den Marktplatz. Niemals E-Mail-Adresse, Telefonnummer oder"
                                + " einen Link zum eigenen Shop in eine Marktplatz-Antwort schreiben; der Marktplatz sperrt"
                                + " die Nachricht. Rücksendungen und Erstattungen laufen über den Rückgabeprozess des"
                                + " Marktplatzes.",
                        "fr",
                        "Commandes marketplace : règles de réponse",
                        "On répond aux clients marketplace uniquement via la marketplace. N'écrivez jamais d'adresse e-mail,"
                                + " de numéro de téléphone ni de lien vers notre boutique dans une réponse marketplace : la"
                                + " marketplace bloque le message. Retours et remboursements passent par le processus de"
                                + " retour de la marketplace.",
                        "it",
                        "Ordini marketplace: regole per le risposte",
                        "Ai clienti marketplace si risponde solo tramite il marketplace. Non scrivere mai indirizzi e-mail,"
                                + " numeri di telefono o link al nostro negozio in una risposta marketplace: il marketplace"
                                + " blocca il messaggio. Resi e rimborsi passano dal processo di reso del marketplace."));
        article(
                client,
                "internal",
                "none",
                null,
                List.of("invoice"),
                texts(
                        "en",
                        "Invoices and VAT",
                        "Customers download invoices in their customer account. For a corrected invoice (company name, VAT"
                                + " ID) add an internal note with the details and assign the ticket to the Escalations team;"
                                + " accounting issues it within 2 business days.",
                        "de",
                        "Rechnungen und Umsatzsteuer",
                        "Kunden laden Rechnungen im Kundenkonto herunter. Für eine korrigierte Rechnung (Firmenname, USt-ID)"
                                + " eine interne Notiz mit den Angaben anlegen und das Ticket dem Team Escalations zuweisen;"
                                + " die Buchhaltung stellt sie binnen 2 Werktagen aus.",
                        "fr",
                        "Factures et TVA",
                        "Les clients téléchargent leurs factures dans leur compte client. Pour une facture corrigée (raison"
                                + " sociale, numéro de TVA), ajoutez une note interne avec les détails et assignez le ticket"
                                + " à l'équipe Escalations ; la comptabilité l'émet sous 2 jours ouvrés.",
                        "it",
                        "Fatture e IVA",
                        "I clienti scaricano le fatture dal proprio account. Per una fattura corretta (ragione sociale,"
                                + " partita IVA) aggiungi una nota interna con i dati e assegna il ticket al team"
                                + " Escalations; la contabilità la emette entro 2 giorni lavorativi."));
    }

    private void article(
            ClientView client,
            String visibility,
            String kind,
            String url,
            List<String> categories,
            Map<String, VariantText> texts) {
        knowledge.create(
                ALL, AUTHOR, new SaveArticle(client.id(), visibility, kind, url, categories, List.of(), texts));
    }

    private static Map<String, VariantText> texts(String... languageTitleBody) {
        Map<String, VariantText> out = new LinkedHashMap<>();
        for (int i = 0; i < languageTitleBody.length; i += 3) {
            out.put(languageTitleBody[i], new VariantText(languageTitleBody[i + 1], languageTitleBody[i + 2]));
        }
        return out;
    }
}
