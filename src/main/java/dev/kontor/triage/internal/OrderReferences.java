package dev.kontor.triage.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order references in a customer's subject and text, in the canonical form of their marketplace or shop: Amazon
 * {@code 123-1234567-1234567} (also written with spaces), eBay {@code 12-12345-12345}, Mirakl {@code 12345678-B}
 * (also in lower case) anywhere, and shop numbers where the customer says it is an order ("order 100482",
 * "#100482" → {@code 100482}, "Bestellnr. 100482", "zamówienie o numerze 100482", "pedido con número 100482",
 * "nr zamówienia 100482").
 *
 * <p>Each reference is {@link Strength#CERTAIN} (one of those forms), {@link Strength#LIKELY} (a bare number right
 * after "for", "pour", "para", ... when nothing certain is there) or {@link Strength#POSSIBLE} (any other bare number
 * of 5 to 12 digits: taken only when the client's stored orders know it). Numbers labelled as something else
 * (tracking, IBAN, VAT and company ids, phones, customer and ticket numbers, SKUs), amounts and postcodes are never
 * taken.
 */
final class OrderReferences {

    enum Strength {
        CERTAIN,
        LIKELY,
        POSSIBLE
    }

    /** A reference in canonical form, how sure the text is that it is an order, and where it first appears. */
    record Candidate(String ref, Strength strength, int position) {}

    private static final Pattern AMAZON = Pattern.compile("(?<![\\d-])(\\d{3})[- ](\\d{7})[- ](\\d{7})(?![\\d-])");
    private static final Pattern EBAY = Pattern.compile("(?<![\\d-])\\d{2}-\\d{5}-\\d{5}(?![\\d-])");
    private static final Pattern MIRAKL = Pattern.compile("(?<![\\w-])(\\d{4,12})-([A-Za-z])(?![\\w-])");

    private static final String ORDER_WORD = "(?:order|orders|ordr|ordre|ordren|ordine|ordini|ord\\.|pedido|pedidos"
            + "|bestellung|bestellnummer|bestellnr\\.?|bestell-nr\\.?|auftrag|auftragsnummer|auftragsnr\\.?"
            + "|commande|cde|cmd|encomenda|bestelling|bestelnummer|bestellingsnummer|zamowienie|zamówienie"
            + "|zamowienia|zamówienia|zamowieniu|zamówieniu|zamowieniem|zamówieniem|zam\\.|beställning|bestallning"
            + "|beställningsnummer|ordernummer|ordrenummer|ordrenr\\.?|bestilling|bestillingsnummer|order-nr\\.?"
            + "|ordernr\\.?|ordine n\\.?|compra)";
    private static final String NUMBER_WORD =
            "(?:number|no\\.?|nr\\.?|n[°º]|n\\.[°º]|num\\.?|numero|numéro|número|nummer" + "|numer|numerem|numerze|#)";
    /** Between the order word and the number: "number", "o numerze", "con el número", "de número", "id". */
    private static final String LINK =
            "(?:\\s+(?:(?:o|con|com|de|with|mit|met|med|z|el|la|il|the|o\\s+n[uú]mero|id)\\s+)?"
                    + "(?:(?:el|o|la)\\s+)?" + NUMBER_WORD + ")?";

    private static final String NUMBER_TAIL = "(\\d{4,12})(?![\\d,.-]?\\d)(?!-[A-Za-z]\\b)(?![.,]\\d)"
            + "(?!\\s?(?:€|eur|euro|usd|\\$|£|gbp|kr|zł|zl|pln|sek|dkk|%|st\\b|stk|szt|pcs|pieces|units|x\\b))";
    private static final Pattern SHOP =
            Pattern.compile("(?iu)(?:\\b" + ORDER_WORD + LINK + "\\s*[:#]?\\s*|(?<![\\w&])#\\s?|\\b"
                    + NUMBER_WORD.replace("|#", "")
                    + "\\s+(?:(?:of|de|da|do|del|of the|van de)\\s+)?(?:(?:the|your|my|la|el|a|o)\\s+)?"
                    + ORDER_WORD + "\\s*[:#]?\\s*)" + NUMBER_TAIL);
    /** "for 100741", "pour 100741", "per 100741": an order number in a short request when nothing is more certain. */
    private static final Pattern AFTER_PREPOSITION = Pattern.compile(
            "(?iu)\\b(?:for|about|re|pour|per|para|voor|för|for|til|do|dla|zu|für|fuer|sobre|om|di)\\s+(?:#\\s?)?"
                    + "(\\d{5,12})(?![\\d,.-]?\\d)(?!\\s?(?:€|eur|euro|usd|\\$|£|kr|zł|zl|%|st\\b|stk|szt|pcs|units|x\\b))");

    /** A bare number, not one group of a longer grouped number (phones, IBANs: "07700 900123"). */
    private static final Pattern BARE =
            Pattern.compile("(?<![\\w+./,-]|\\d[ \\u00a0])(\\d{5,12})(?![\\w/,-]|[.,]\\d|[ \\u00a0]\\d)");

    /**
     * Labels that make the number after them something else than an order; checked in the few words before a "#"
     * number or a bare one.
     */
    private static final Pattern LABEL =
            Pattern.compile("(?iu)\\b(track|sendungsn|suivi|seguimiento|spedizione|rastreio"
                    + "|iban|bic|swift|konto|account|vat|ust|uid|tva|iva|btw|moms|nip|nif|cif|regon|krs|kvk|cvr|org|siret|siren"
                    + "|hrb|hra|tel|phone|fon|tlf|tél|mobil|handy|fax|ring|call|anrufen|rappel|chiam|llam|lig|bel|zadzw"
                    + "|kunden|customer|client|klant|kund|kunde|cliente|konto"
                    + "|ticket|case|fall|sag|sprawa|zgłosz|zglosz|caso|dossier|reclam"
                    + "|sku|art|ean|item|artikel|article|articolo|artículo|artigo|produkt|product|modell|model|réf|ref\\b|référence"
                    + "|invoice (?:no|number|#)|rechnungsn|plz|postcode|zip|cap\\b|cp\\b|code postal)"
                    + "[\\p{L}.\\-]*\\s*(?:[\\p{L}.°º-]+\\s*){0,2}[:#]?\\s*$");

    private OrderReferences() {}

    /** The references a message names for sure (or, with none, likely), the main one first; no stored orders. */
    static List<String> find(String subject, String body) {
        List<Candidate> all = candidates(subject, body);
        boolean anyCertain = all.stream().anyMatch(c -> c.strength() == Strength.CERTAIN);
        return all.stream()
                .filter(c -> c.strength() == Strength.CERTAIN || (!anyCertain && c.strength() == Strength.LIKELY))
                .map(Candidate::ref)
                .toList();
    }

    static List<String> find(String text) {
        return find(null, text);
    }

    /**
     * Every candidate in subject and text, strongest first and then in order of appearance (the subject before the
     * text), each once at its strongest.
     */
    static List<Candidate> candidates(String subject, String body) {
        Map<String, Candidate> found = new LinkedHashMap<>();
        String s = subject == null ? "" : subject;
        String b = body == null ? "" : body;
        collect(s, 0, found);
        collect(b, s.length() + 1, found);
        List<Candidate> list = new ArrayList<>(found.values());
        promoteTheOnlyNumberOfAShortMessage(s + "\n" + b, list);
        list.sort(Comparator.comparing(Candidate::strength).thenComparing(Candidate::position));
        return List.copyOf(list);
    }

    /**
     * "annullate 100901 per favore", "sendung 100713 hängt fest": in a short message whose only number is a bare one
     * of 6 to 12 digits, that number is likely the order. A postcode (followed by its town) is not.
     */
    private static void promoteTheOnlyNumberOfAShortMessage(String text, List<Candidate> list) {
        if (list.size() != 1
                || list.get(0).strength() != Strength.POSSIBLE
                || list.get(0).ref().length() < 6
                || text.strip().split("\\s+").length > SHORT_MESSAGE_WORDS) {
            return;
        }
        String ref = list.get(0).ref();
        Matcher town = Pattern.compile("(?<!\\d)" + ref + "\\s+\\p{Lu}").matcher(text);
        if (!town.find()) {
            list.set(0, new Candidate(ref, Strength.LIKELY, list.get(0).position()));
        }
    }

    /** Up to this many words (subject and text) a message counts as short. */
    private static final int SHORT_MESSAGE_WORDS = 14;

    private static void collect(String text, int offset, Map<String, Candidate> found) {
        if (text.isBlank()) {
            return;
        }
        List<int[]> taken = new ArrayList<>();
        Matcher m = AMAZON.matcher(text);
        while (m.find()) {
            add(found, m.group(1) + "-" + m.group(2) + "-" + m.group(3), Strength.CERTAIN, offset + m.start());
            taken.add(new int[] {m.start(), m.end()});
        }
        m = EBAY.matcher(text);
        while (m.find()) {
            add(found, m.group(), Strength.CERTAIN, offset + m.start());
            taken.add(new int[] {m.start(), m.end()});
        }
        m = MIRAKL.matcher(text);
        while (m.find()) {
            if (!labelled(text, m.start())) {
                add(
                        found,
                        m.group(1) + "-" + m.group(2).toUpperCase(Locale.ROOT),
                        Strength.CERTAIN,
                        offset + m.start());
            }
            taken.add(new int[] {m.start(), m.end()});
        }
        m = SHOP.matcher(text);
        while (m.find()) {
            int start = m.start(1);
            if (!inside(taken, start) && !(m.group().stripLeading().startsWith("#") && labelled(text, m.start()))) {
                add(found, m.group(1), Strength.CERTAIN, offset + start);
                taken.add(new int[] {start, m.end(1)});
            }
        }
        m = AFTER_PREPOSITION.matcher(text);
        while (m.find()) {
            int start = m.start(1);
            if (!inside(taken, start) && !labelled(text, m.start())) {
                add(found, m.group(1), Strength.LIKELY, offset + start);
                taken.add(new int[] {start, m.end(1)});
            }
        }
        m = BARE.matcher(text);
        while (m.find()) {
            if (!inside(taken, m.start()) && !labelled(text, m.start())) {
                add(found, m.group(1), Strength.POSSIBLE, offset + m.start());
            }
        }
    }

    private static boolean inside(List<int[]> taken, int at) {
        return taken.stream().anyMatch(r -> at >= r[0] && at < r[1]);
    }

    /** Whether the words just before this position say the number is something else than an order. */
    private static boolean labelled(String text, int at) {
        String before = text.substring(Math.max(0, at - 30), at);
        int line = before.lastIndexOf('\n');
        return LABEL.matcher(line < 0 ? before : before.substring(line + 1)).find();
    }

    private static void add(Map<String, Candidate> found, String ref, Strength strength, int position) {
        Candidate had = found.get(ref);
        if (had == null || strength.compareTo(had.strength()) < 0) {
            found.put(ref, new Candidate(ref, strength, had == null ? position : Math.min(position, had.position())));
        }
    }
}
