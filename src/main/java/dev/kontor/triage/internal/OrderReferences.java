package dev.kontor.triage.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order references in a customer's text: Amazon (3-7-7 digits), eBay (2-5-5), Mirakl (digits and a letter,
 * {@code 4400112-A}) anywhere, and shop order numbers only where the customer says it is an order ("order
 * 100482", "#100482", "Bestellung 100482", "commande n° 100482"), so phone numbers, VAT numbers, postcodes and
 * prices are left alone.
 */
final class OrderReferences {

    private static final Pattern AMAZON = Pattern.compile("(?<![\\d-])\\d{3}-\\d{7}-\\d{7}(?![\\d-])");
    private static final Pattern EBAY = Pattern.compile("(?<![\\d-])\\d{2}-\\d{5}-\\d{5}(?![\\d-])");
    private static final Pattern MIRAKL = Pattern.compile("(?<![\\w-])\\d{4,12}-[A-Z](?![\\w-])");
    /** "order", "order number", "Bestellung", "Auftrag", "commande", "ordine", "pedido", "bestelling", ... */
    private static final Pattern SHOP = Pattern.compile(
            "(?iu)(?:\\b(?:order|orders|ordre|ordren|ordine|ordini|pedido|bestellung|bestellnummer|bestell-nr\\.?|auftrag|auftragsnummer"
                    + "|commande|encomenda|bestelling|bestellingsnummer|zamowienie|zamówienie|zamowienia|zamówienia|beställning|bestallning"
                    + "|bestilling|ordernummer|order-nr\\.?)"
                    + "(?:\\s+(?:number|no\\.?|nr\\.?|n[°º]|num[eé]ro|numero|número|nummer|numer|#))?"
                    + "\\s*[:#]?\\s*|#\\s?)"
                    + "(\\d{4,10})(?![\\d,.-]?\\d)(?!-[A-Za-z]\\b)(?!\\s?(?:€|eur|usd|\\$|kr|zł|zl|pln|sek|%))");

    private OrderReferences() {}

    static List<String> find(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> refs = new LinkedHashSet<>();
        List<int[]> taken = new ArrayList<>();
        for (Pattern p : List.of(AMAZON, EBAY, MIRAKL)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                refs.add(m.group());
                taken.add(new int[] {m.start(), m.end()});
            }
        }
        Matcher m = SHOP.matcher(text);
        while (m.find()) {
            int start = m.start(1);
            boolean inside = taken.stream().anyMatch(r -> start >= r[0] && start < r[1]);
            if (!inside) {
                refs.add(m.group(1));
            }
        }
        return List.copyOf(refs);
    }
}
