package dev.kontor.simulator;

import java.util.Random;

/**
 * What simulated customers write, in their own words and languages: cancellations, where-is-my-order, returns,
 * damaged goods, invoices, address changes and product questions. {@code %s} is the order's commercial id.
 */
final class CustomerTexts {

    private CustomerTexts() {}

    /** language, topic, body. */
    static final String[][] MESSAGES = {
        {
            "fr",
            "Annulation de commande",
            "Bonjour, j'ai commandé deux fois par erreur. Pouvez-vous annuler la commande %s avant l'expédition ? Merci d'avance."
        },
        {
            "fr",
            "Colis non reçu",
            "Bonjour, ma commande %s devait arriver lundi et je n'ai toujours rien reçu. Le suivi ne bouge plus depuis 4 jours. Que se passe-t-il ?"
        },
        {
            "fr",
            "Produit abîmé",
            "Bonjour, le colis est arrivé écrasé et la lampe est cassée (photo jointe). Je souhaite un remplacement ou un remboursement."
        },
        {
            "fr",
            "Facture",
            "Bonjour, pourriez-vous m'envoyer la facture de la commande %s avec mon numéro de TVA intracommunautaire ? Cordialement"
        },
        {
            "de",
            "Stornierung",
            "Hallo, bitte stornieren Sie meine Bestellung %s, ich habe versehentlich die falsche Größe gewählt. Danke!"
        },
        {
            "de",
            "Wo bleibt meine Lieferung?",
            "Guten Tag, ich warte seit über einer Woche auf Bestellung %s. Laut Sendungsverfolgung passiert nichts. Können Sie nachfragen?"
        },
        {
            "de",
            "Rücksendung",
            "Hallo, die Jacke passt leider nicht. Wie kann ich sie zurückschicken und bekomme ich das Geld zurück?"
        },
        {
            "de",
            "Lieferadresse ändern",
            "Hallo, ich bin umgezogen. Können Sie die Lieferadresse für %s noch auf Lindenstraße 12, 10115 Berlin ändern?"
        },
        {
            "it",
            "Annullamento ordine",
            "Buongiorno, vorrei annullare l'ordine %s perché l'ho trovato altrove. Non è ancora stato spedito, giusto? Grazie"
        },
        {
            "it",
            "Ordine in ritardo",
            "Salve, il mio ordine %s risulta ancora in preparazione dopo 6 giorni. Quando verrà spedito?"
        },
        {
            "it",
            "Articolo difettoso",
            "Buonasera, la sedia è arrivata con una gamba rotta. Allego la foto. Come procediamo per la sostituzione?"
        },
        {
            "es",
            "Cancelar pedido",
            "Hola, quiero cancelar el pedido %s, lo pedí por error. ¿Me pueden confirmar la cancelación? Gracias"
        },
        {
            "es",
            "¿Dónde está mi pedido?",
            "Hola, hace 10 días que hice el pedido %s y todavía no ha llegado. ¿Me pueden dar el número de seguimiento?"
        },
        {
            "nl",
            "Vraag over product",
            "Hallo, is de tent ook geschikt voor gebruik in de winter? En zit er een grondzeil bij?"
        },
        {"nl", "Retour", "Goedendag, ik wil de slaapzak retourneren, hij is te klein. Hoe stuur ik hem terug?"},
        {"en", "Cancel my order", "Hi, please cancel order %s before it ships, I ordered the wrong colour. Thanks!"},
        {
            "en",
            "Where is my parcel?",
            "Hello, my order %s was supposed to arrive on Friday but tracking hasn't updated since Tuesday. Can you check with the carrier?"
        },
        {
            "en",
            "Refund not received",
            "Hi, I returned the boots two weeks ago and still haven't received my refund. Could you look into it?"
        },
        {
            "pl",
            "Anulowanie zamówienia",
            "Dzień dobry, proszę o anulowanie zamówienia %s. Zamówiłem przez pomyłkę. Pozdrawiam"
        },
        {"sv", "Var är mitt paket?", "Hej, min beställning %s har inte kommit fram än. Kan ni kolla vad som hänt?"}
    };

    static final String[][] NAMES = {
        {"fr", "Claire Dubois", "Julien Martin", "Sophie Bernard", "Nicolas Petit"},
        {"de", "Jonas Keller", "Anna Schmidt", "Lukas Wagner", "Marie Becker"},
        {"it", "Luca Bianchi", "Giulia Romano", "Marco Ricci", "Chiara Esposito"},
        {"es", "Ana García", "Javier López", "Lucía Martínez", "Pablo Sánchez"},
        {"nl", "Jan de Vries", "Sanne Jansen", "Daan Bakker", "Emma Visser"},
        {"en", "Emily Clarke", "James Walker", "Olivia Harris", "Tom Baker"},
        {"pl", "Piotr Kowalski", "Anna Nowak", "Kasia Wiśniewska", "Marek Zieliński"},
        {"sv", "Erik Lindqvist", "Sara Nilsson", "Oskar Berg", "Maja Holm"}
    };

    static String[] message(Random random) {
        return MESSAGES[random.nextInt(MESSAGES.length)];
    }

    /** First and last name of a customer writing in the language. */
    static String[] name(String language, Random random) {
        for (String[] names : NAMES) {
            if (names[0].equals(language)) {
                return names[1 + random.nextInt(names.length - 1)].split(" ", 2);
            }
        }
        return new String[] {"Alex", "Doe"};
    }
}
