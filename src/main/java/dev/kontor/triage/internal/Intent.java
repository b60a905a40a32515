package dev.kontor.triage.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the customer does not want and what they want instead, on normalized text ({@link Lexicon#normalize}): "I
 * don't want a replacement, just my money back", "bitte NICHT stornieren, nur die Adresse ändern", "no quiero
 * cancelar, solo cambiar la dirección". A negated request runs from the negation to the end of its clause; the
 * clause after it (usually opened by "just", "only", "sondern", "solo", ...) is what the customer asks for.
 */
final class Intent {

    /** How much more a cue counts in the clause that says what the customer wants instead. */
    static final double WANTED_FACTOR = 1.6;

    /** Added to the category the customer asks for instead of what they refuse: it outweighs the story. */
    static final double WANTED_BONUS = 4;

    /** Refusals of a request: "don't want", "will kein", "ne veux pas", "non voglio", "nie chce", ... */
    private static final Pattern NEGATION = Pattern.compile("\\b("
            + "(i |we )?(do not|don'?t|dont|do n'?t) (want|need|wish|like)(?![^.,;!?]{0,50}\\b(anymore|any more|any longer)\\b)|not (want|need) (a|an|to)\\b|no (replacement|refund|exchange)"
            + "|(please |pls )?(do not|don'?t|dont) (cancel|return|refund|replace)|not (broken|damaged|defective|faulty)"
            + "|(will|mochte|moechte|brauche|wunsche|wollen|mochten) (kein|keine|keinen|nicht)"
            + "|nicht (stornieren|zuruckschicken|zurucksenden|erstatten|umtauschen|kaputt|defekt|beschadigt)"
            + "|ne (veux|souhaite|voudrais|desire|voulons|demande|demandons) pas|kein(e|en)? (geld|erstattung|ruckerstattung|gutschrift)\\b|n'?(annulez|renvoyez|remboursez) pas|pas (casse|abime|defectueux)"
            + "|non (voglio|vorrei|desidero|mi serve|ho bisogno|vogliamo)|non (annullate|annullare|cancellate|e rott|e difettos|e danneggiat)"
            + "|no (quiero|deseo|necesito|queremos)|no (cancelen|anulen|cancelar|anular)|no (esta|llego) (roto|rota|danad)"
            + "|wil (geen|niet)|niet (annuleren|terugsturen|retourneren)|niet (kapot|stuk|beschadigd)"
            + "|nie (chce|chcemy|potrzebuje|anuluj|anulujcie|anulowac)|nie (jest )?(uszkodzon|zepsut)"
            + "|nao (quero|queremos|preciso|desejo)|nao (cancelem|cancelar|anulem|anular)|nao (esta|chegou) (partid|estragad|danificad)"
            + "|(vill|behover|onskar) inte|(avbryt|avbestall|returnera) inte|inte (trasig|skadad)"
            + "|(vil|onsker) ikke|(annuller|afbestil|returner) ikke|ikke (i stykker|odelagt|defekt)"
            + ")");

    /** What ends a negated clause: punctuation or a contrast word. */
    private static final Pattern CLAUSE_END = Pattern.compile(
            "[.,;:!?]| - |\\b(but|just|only|instead|rather"
                    + "|sondern|nur|aber|lediglich|mais|juste|seulement|plutot|uniquement|ma|solo|solamente|soltanto|sino|pero"
                    + "|maar|alleen|enkel|gewoon|tylko|ale|jedynie|so|apenas|mas|somente|utan|bara|men|endast|kun|bare|blot|men)\\b");

    /** How a clause that says what the customer wants instead begins: a contrast word or "I want". */
    private static final Pattern INSTEAD = Pattern.compile(
            "[.,;:!? -]*(\\w+ ){0,2}?(but|just|only|instead|rather"
                    + "|sondern|nur|lediglich|mais|juste|seulement|plutot|uniquement|ma|solo|solamente|soltanto|sino"
                    + "|maar|alleen|enkel|gewoon|tylko|jedynie|so|apenas|somente|utan|bara|endast|kun|bare|blot"
                    + "|i want|i'?d like|i need|ich (will|mochte|moechte|brauche)|je (veux|voudrais|souhaite)|(voglio|vorrei)"
                    + "|(quiero|queria|necesito)|ik wil|(chce|chcialbym|chcialabym)|(quero|queria|preciso)|jag vill|jeg vil)\\b");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]");

    private Intent() {}

    /** Fills the spans of negated requests and of the clauses that say what is wanted instead. */
    static void spans(String text, List<int[]> negated, List<int[]> wanted) {
        Matcher n = NEGATION.matcher(text);
        while (n.find()) {
            Matcher end = CLAUSE_END.matcher(text);
            int stop = end.find(n.end()) ? end.start() : text.length();
            negated.add(new int[] {n.start(), stop});
            // The wanted clause, to the end of its sentence, when the customer goes on to say what they want
            // ("..., just my money back", "..., je veux être remboursée"); a refusal alone names no request.
            int from = stop;
            String next = text.substring(from, Math.min(text.length(), from + 40));
            if (INSTEAD.matcher(next).lookingAt()) {
                Matcher sentence = SENTENCE_END.matcher(text);
                int to = sentence.find(Math.min(text.length(), from + 1)) ? sentence.end() : text.length();
                wanted.add(new int[] {from, to});
            }
        }
    }

    static boolean inside(List<int[]> spans, int at) {
        return spans.stream().anyMatch(s -> at >= s[0] && at < s[1]);
    }
}
