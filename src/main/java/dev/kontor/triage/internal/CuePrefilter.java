package dev.kontor.triage.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which cues can match a text at all, found in one pass over it. Running all ~900 cue patterns on every message cost
 * a millisecond of CPU per message, while a message matches a dozen of them. Each pattern is read once for the
 * literals every match must contain (one of a set: {@code \bcancel (my|the) order} needs "cancel my order" or
 * "cancel the order"); a cue whose literals are all absent from the text cannot match and is skipped. A pattern
 * whose literals cannot be worked out, or are shorter than two letters, is always run, so skipping never changes a
 * score (CuePrefilterUnitTests compares both ways on every labelled message).
 */
final class CuePrefilter {

    /** The most strings one part of a pattern may expand to before only a shorter piece is kept. */
    private static final int MAX_STRINGS = 64;

    private final BitSet alwaysRun = new BitSet();
    /** Literal by its first two characters, with the cues it admits. */
    private final Map<Integer, List<Literal>> byStart = new HashMap<>();

    private record Literal(String text, int[] cues) {}

    CuePrefilter(List<Pattern> patterns) {
        Map<String, List<Integer>> cuesByLiteral = new HashMap<>();
        for (int i = 0; i < patterns.size(); i++) {
            Set<String> literals = requiredLiterals(patterns.get(i).pattern());
            if (literals == null) {
                alwaysRun.set(i);
            } else {
                for (String literal : literals) {
                    cuesByLiteral
                            .computeIfAbsent(literal, l -> new ArrayList<>())
                            .add(i);
                }
            }
        }
        cuesByLiteral.forEach((text, cues) -> byStart.computeIfAbsent(key(text, 0), k -> new ArrayList<>())
                .add(new Literal(text, cues.stream().mapToInt(Integer::intValue).toArray())));
    }

    /** The cues that may match the text: those whose literal occurs in it, and those always run. */
    BitSet candidates(String text) {
        BitSet candidates = (BitSet) alwaysRun.clone();
        for (int at = 0; at + 1 < text.length(); at++) {
            List<Literal> literals = byStart.get(key(text, at));
            if (literals != null) {
                for (Literal literal : literals) {
                    if (text.startsWith(literal.text(), at)) {
                        for (int cue : literal.cues()) {
                            candidates.set(cue);
                        }
                    }
                }
            }
        }
        return candidates;
    }

    int alwaysRunCount() {
        return alwaysRun.cardinality();
    }

    private static int key(String text, int at) {
        return (text.charAt(at) << 16) | text.charAt(at + 1);
    }

    /**
     * Strings one of which every match of the regex contains, each at least two characters long; {@code null} when
     * the regex does not say (or uses syntax this reader does not know).
     */
    static Set<String> requiredLiterals(String regex) {
        try {
            Reader reader = new Reader(regex);
            Info info = reader.alternation();
            if (reader.at != regex.length()) {
                return null;
            }
            Set<String> best = info.best();
            return best == null || shortest(best) < 2 ? null : best;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * What is known of a part of a pattern: every string it matches when that is a small finite set ({@code exact}),
     * and a set one of which every match contains ({@code required}); either may be unknown.
     */
    private record Info(Set<String> exact, Set<String> required) {

        static final Info NOTHING = new Info(null, null);
        static final Info EMPTY = new Info(Set.of(""), null);

        static Info exactly(Set<String> strings) {
            return new Info(strings, null);
        }

        /** The more selective of the two sets: the longer shortest string, then the fewer strings. */
        Set<String> best() {
            return better(usable(exact), usable(required));
        }

        private static Set<String> usable(Set<String> set) {
            return set == null || set.contains("") ? null : set;
        }

        static Set<String> better(Set<String> a, Set<String> b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            int la = shortest(a);
            int lb = shortest(b);
            if (la != lb) {
                return la > lb ? a : b;
            }
            return a.size() <= b.size() ? a : b;
        }
    }

    private static int shortest(Set<String> set) {
        return set.stream().mapToInt(String::length).min().orElse(0);
    }

    private static Set<String> cross(Set<String> left, Set<String> right) {
        if ((long) left.size() * right.size() > MAX_STRINGS) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String l : left) {
            for (String r : right) {
                out.add(l + r);
            }
        }
        return out;
    }

    /** A recursive reader for the regex syntax the lexicon uses; anything else gives up (the cue always runs). */
    private static final class Reader {

        private final String regex;
        private int at;

        Reader(String regex) {
            this.regex = regex;
        }

        private boolean more() {
            return at < regex.length();
        }

        private char peek() {
            return regex.charAt(at);
        }

        Info alternation() {
            List<Info> branches = new ArrayList<>();
            branches.add(sequence());
            while (more() && peek() == '|') {
                at++;
                branches.add(sequence());
            }
            if (branches.size() == 1) {
                return branches.get(0);
            }
            Set<String> exact = new LinkedHashSet<>();
            Set<String> required = new LinkedHashSet<>();
            for (Info branch : branches) {
                if (exact != null && branch.exact() != null) {
                    exact.addAll(branch.exact());
                } else {
                    exact = null;
                }
                Set<String> best = branch.best();
                if (required != null && best != null) {
                    required.addAll(best);
                } else {
                    required = null;
                }
            }
            if (exact != null && exact.size() > MAX_STRINGS) {
                exact = null;
            }
            return new Info(exact, required);
        }

        private Info sequence() {
            Set<String> run = Set.of("");
            boolean allExact = true;
            Set<String> best = null;
            while (more() && peek() != '|' && peek() != ')') {
                Info part = quantified(atom());
                Set<String> joined = part.exact() == null ? null : cross(run, part.exact());
                if (joined != null) {
                    run = joined;
                    continue;
                }
                allExact = false;
                best = Info.better(best, Info.usable(run));
                best = Info.better(best, part.best());
                run = part.exact() != null ? part.exact() : Set.of("");
            }
            best = Info.better(best, Info.usable(run));
            return allExact ? new Info(run, best) : new Info(null, best);
        }

        private Info quantified(Info atom) {
            if (!more()) {
                return atom;
            }
            char q = peek();
            Info result;
            if (q == '?') {
                at++;
                Set<String> exact = atom.exact() == null ? null : new LinkedHashSet<>(atom.exact());
                if (exact != null) {
                    exact.add("");
                }
                result = new Info(exact, null);
            } else if (q == '*') {
                at++;
                result = Info.NOTHING;
            } else if (q == '+') {
                at++;
                result = new Info(null, atom.best());
            } else if (q == '{') {
                int close = regex.indexOf('}', at);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed {");
                }
                String[] bounds = regex.substring(at + 1, close).split(",", -1);
                at = close + 1;
                int min = Integer.parseInt(bounds[0].strip());
                result = min == 0 ? Info.NOTHING : new Info(null, atom.best());
            } else {
                return atom;
            }
            // A lazy or possessive mark matches the same strings.
            if (more() && (peek() == '?' || peek() == '+')) {
                at++;
            }
            return result;
        }

        private Info atom() {
            char c = regex.charAt(at++);
            switch (c) {
                case '(' -> {
                    Info inner;
                    if (regex.startsWith("?:", at)) {
                        at += 2;
                        inner = alternation();
                    } else if (regex.startsWith("?=", at) || regex.startsWith("?!", at)) {
                        at += 2;
                        alternation();
                        inner = Info.EMPTY;
                    } else if (regex.startsWith("?<=", at) || regex.startsWith("?<!", at)) {
                        at += 3;
                        alternation();
                        inner = Info.EMPTY;
                    } else if (more() && peek() == '?') {
                        throw new IllegalArgumentException("group kind");
                    } else {
                        inner = alternation();
                    }
                    if (!more() || regex.charAt(at++) != ')') {
                        throw new IllegalArgumentException("unclosed group");
                    }
                    return inner;
                }
                case '[' -> {
                    return characterClass();
                }
                case '.' -> {
                    return Info.NOTHING;
                }
                case '^', '$' -> {
                    return Info.EMPTY;
                }
                case '\\' -> {
                    char e = regex.charAt(at++);
                    if (e == 'b' || e == 'B') {
                        return Info.EMPTY;
                    }
                    if (Character.isLetterOrDigit(e)) {
                        if (e == 'p' || e == 'P') {
                            throw new IllegalArgumentException("property class");
                        }
                        // \s, \d, \w and their kind: a class, not a literal.
                        return Info.NOTHING;
                    }
                    return Info.exactly(Set.of(String.valueOf(e)));
                }
                case '*', '+', '?', '{', ')', '|' -> throw new IllegalArgumentException("unexpected " + c);
                default -> {
                    return Info.exactly(Set.of(String.valueOf(c)));
                }
            }
        }

        /** A class of plain characters ({@code [ae']}) is a small set; ranges and negations are not read. */
        private Info characterClass() {
            Set<String> chars = new LinkedHashSet<>();
            boolean plain = more() && peek() != '^';
            while (more() && peek() != ']') {
                char c = regex.charAt(at++);
                if (c == '\\') {
                    char e = regex.charAt(at++);
                    if (Character.isLetterOrDigit(e)) {
                        plain = false;
                    }
                    chars.add(String.valueOf(e));
                } else if (c == '-' || c == '[' || c == '&') {
                    plain = false;
                } else {
                    chars.add(String.valueOf(c));
                }
            }
            if (!more()) {
                throw new IllegalArgumentException("unclosed class");
            }
            at++;
            return plain && !chars.isEmpty() && chars.size() <= 8 ? Info.exactly(chars) : Info.NOTHING;
        }
    }
}
