package dev.kontor.drafts.internal;

import dev.kontor.drafts.Draft.Flag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every draft passes before an agent sees it, each a small named rule over the draft's text and the
 * ticket's facts. A rule flags; it never changes the text: the agent decides.
 */
public final class Guardrails {

    /** One check: the flags it raises for a draft. */
    public interface Guardrail {
        List<Flag> check(String draft, DraftFacts facts);
    }

    public static final String UNKNOWN_NUMBER = "unknown_number";
    public static final String UNKNOWN_AMOUNT = "unknown_amount";
    public static final String UNKNOWN_DATE = "unknown_date";
    public static final String REFUND_ABOVE_TOTAL = "refund_above_total";
    public static final String RETURN_WINDOW = "promise_return_window";
    public static final String FREE_LABEL = "promise_free_label";
    public static final String FOREIGN_LINK = "foreign_link";
    public static final String CONTACT_IN_MARKETPLACE = "contact_in_marketplace";
    public static final String MISSING_VALUE = "missing_value";
    public static final String WRONG_LANGUAGE = "wrong_language";

    private static final Pattern REFUND = Pattern.compile(
            "(?iu)refund|reimburs|money back|rückerstatt|erstatt|gutschrift|rembours|avoir|rimbors|accredit");
    private static final Pattern RETURN = Pattern.compile(
            "(?iu)return|refund|retour|rücksend|zurücksend|zurückschick|rückgabe|widerruf|erstatt|rembours|renvo|"
                    + "reso|restitu|rimbors");
    private static final Pattern DAYS =
            Pattern.compile("(?iu)(?<!\\d)(\\d{1,3})[\u00a0\u202f -]*(?:days?|tagen?|jours?|giorni|gg\\b)");
    private static final Pattern FREE_LABEL_PROMISE = Pattern.compile("(?iu)(?:free|prepaid|pre-paid|kostenlos|"
            + "kostenfrei|gratis|gratuit|prépayé|prepagat)[^.\\n]{0,40}(?:label|etikett|étiquette|etichetta)"
            + "|(?:label|etikett|étiquette|etichetta)[^.\\n]{0,40}(?:free|prepaid|kostenlos|kostenfrei|gratis|"
            + "gratuit|prépayé|prepagat|offert)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*[\\w.]+\\s*}}");

    private Guardrails() {}

    public static List<Guardrail> all() {
        return List.of(
                Guardrails::unknownNumbers,
                Guardrails::unknownAmounts,
                Guardrails::unknownDates,
                Guardrails::refundAboveTotal,
                Guardrails::returnWindowNotInPolicy,
                Guardrails::freeLabelNotInPolicy,
                Guardrails::foreignLinks,
                Guardrails::contactInMarketplace,
                Guardrails::missingValues,
                Guardrails::wrongLanguage);
    }

    /** Every flag the rules raise, each once. */
    public static List<Flag> check(String draft, DraftFacts facts) {
        Set<Flag> out = new LinkedHashSet<>();
        for (Guardrail g : all()) {
            out.addAll(g.check(draft, facts));
        }
        return List.copyOf(out);
    }

    /** An order, tracking or parcel number the ticket's data and sources do not contain. */
    static List<Flag> unknownNumbers(String draft, DraftFacts facts) {
        String known = Scan.normalized(facts.sourceText());
        List<Flag> out = new ArrayList<>();
        for (String ref : Scan.references(draft)) {
            if (!known.contains(Scan.normalized(ref))) {
                out.add(new Flag(UNKNOWN_NUMBER, ref));
            }
        }
        return out;
    }

    static List<Flag> unknownAmounts(String draft, DraftFacts facts) {
        List<Flag> out = new ArrayList<>();
        for (var a : Scan.amounts(draft)) {
            if (!facts.knowsAmount(a.value())) {
                out.add(new Flag(UNKNOWN_AMOUNT, a.text().strip()));
            }
        }
        return out;
    }

    static List<Flag> unknownDates(String draft, DraftFacts facts) {
        List<Flag> out = new ArrayList<>();
        for (var d : Scan.dates(draft)) {
            if (!facts.dates().contains(d.value())) {
                out.add(new Flag(UNKNOWN_DATE, d.text().strip()));
            }
        }
        return out;
    }

    /** A refund (or credit) of more than the order's total, in the sentence that promises it. */
    static List<Flag> refundAboveTotal(String draft, DraftFacts facts) {
        List<Flag> out = new ArrayList<>();
        if (facts.orderTotal() == null) {
            return out;
        }
        for (String sentence : Scan.sentences(draft)) {
            if (!REFUND.matcher(sentence).find()) {
                continue;
            }
            for (var a : Scan.amounts(sentence)) {
                if (a.value().compareTo(facts.orderTotal()) > 0) {
                    out.add(new Flag(REFUND_ABOVE_TOTAL, a.text().strip()));
                }
            }
        }
        return out;
    }

    /** A return or refund period in days other than the client's return window or a period its policy names. */
    static List<Flag> returnWindowNotInPolicy(String draft, DraftFacts facts) {
        Set<Integer> allowed = new java.util.HashSet<>();
        if (facts.returnDays() != null) {
            allowed.add(facts.returnDays());
        }
        Matcher p = DAYS.matcher(facts.policyText());
        while (p.find()) {
            allowed.add(Integer.parseInt(p.group(1)));
        }
        List<Flag> out = new ArrayList<>();
        for (String sentence : Scan.sentences(draft)) {
            if (!RETURN.matcher(sentence).find()) {
                continue;
            }
            Matcher m = DAYS.matcher(sentence);
            while (m.find()) {
                if (!allowed.contains(Integer.parseInt(m.group(1)))) {
                    out.add(new Flag(RETURN_WINDOW, m.group().strip()));
                }
            }
        }
        return out;
    }

    /** A free or prepaid return label, when the client's policy offers none. */
    static List<Flag> freeLabelNotInPolicy(String draft, DraftFacts facts) {
        Matcher m = FREE_LABEL_PROMISE.matcher(draft);
        if (!m.find() || FREE_LABEL_PROMISE.matcher(facts.policyText()).find()) {
            return List.of();
        }
        return List.of(new Flag(FREE_LABEL, m.group().strip()));
    }

    /** A link that is neither the carrier's tracking link nor on the client's own domains. */
    static List<Flag> foreignLinks(String draft, DraftFacts facts) {
        List<Flag> out = new ArrayList<>();
        for (String link : Scan.links(draft)) {
            if (!facts.allowsHost(Scan.host(link))) {
                out.add(new Flag(FOREIGN_LINK, link));
            }
        }
        return out;
    }

    /** Marketplaces forbid taking the conversation elsewhere: no e-mail address or phone number in a reply. */
    static List<Flag> contactInMarketplace(String draft, DraftFacts facts) {
        List<Flag> out = new ArrayList<>();
        if (!facts.marketplace()) {
            return out;
        }
        Matcher e = Scan.EMAIL.matcher(draft);
        while (e.find()) {
            out.add(new Flag(CONTACT_IN_MARKETPLACE, e.group()));
        }
        Matcher p = Scan.PHONE.matcher(Scan.mask(draft, Scan.LINK));
        while (p.find()) {
            out.add(new Flag(CONTACT_IN_MARKETPLACE, p.group().strip()));
        }
        return out;
    }

    /** A placeholder left without a value: the agent fills it in before sending. */
    static List<Flag> missingValues(String draft, DraftFacts facts) {
        List<Flag> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(draft);
        while (m.find()) {
            out.add(new Flag(MISSING_VALUE, m.group()));
        }
        return out;
    }

    /** The draft reads as another language than the customer's (when that can be told). */
    static List<Flag> wrongLanguage(String draft, DraftFacts facts) {
        String seen = facts.detectedLanguage();
        if (facts.language() == null || seen == null || "unknown".equals(seen) || seen.equals(facts.language())) {
            return List.of();
        }
        return List.of(new Flag(WRONG_LANGUAGE, seen));
    }
}
