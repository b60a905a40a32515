package dev.kontor.triage.internal;

import dev.kontor.shared.CleanedMessage;
import dev.kontor.triage.TriageSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CPU one message's triage costs without the database, part by part: cleaning, category cues, language, order
 * references. Runs every labelled set in {@code src/test/resources/triage} for R rounds (the first ones warm the JIT
 * up and are not counted) and prints the median microseconds per message of each part. Asserts nothing.
 *
 * <p>Argument: rounds (default 15).
 */
public final class TriageSpeedBenchmark {

    record Message(String subject, String body) {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<Message> messages = messages();
        LanguageDetection languages = new LanguageDetection(
                new TriageSettings(List.of("en", "de", "fr", "it", "es", "nl", "pl", "sv", "pt", "da"), 0.45, true));
        languages.detect("warm the models up before timing anything");
        List<String> cleaned =
                messages.stream().map(m -> CleanedMessage.textOf(m.body())).toList();
        System.out.printf(
                "Triage speed: %d labelled messages, %d rounds, %d category cues%n",
                messages.size(), rounds, Lexicon.CUES.size());
        report(
                "cleaning (quotes, signatures)",
                rounds,
                messages.size(),
                i -> CleanedMessage.textOf(messages.get(i).body()));
        report(
                "category cues",
                rounds,
                messages.size(),
                i -> CategoryClassifier.lexiconScores(messages.get(i).subject(), cleaned.get(i)));
        report(
                "language (Lingua)",
                rounds,
                messages.size(),
                i -> languages.detect(messages.get(i).subject() + "\n" + cleaned.get(i)));
        report(
                "order references",
                rounds,
                messages.size(),
                i -> OrderReferences.find(messages.get(i).subject(), cleaned.get(i)));
    }

    private static void report(String part, int rounds, int count, Consumer<Integer> work) {
        double[] perMessage = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                work.accept(i);
            }
            perMessage[r] = (System.nanoTime() - start) / 1_000.0 / count;
        }
        // The first third warms the JIT up.
        double[] counted = Arrays.copyOfRange(perMessage, rounds / 3, rounds);
        Arrays.sort(counted);
        System.out.printf(
                "  %-32s median %8.1f us/message (min %.1f, max %.1f)%n",
                part, counted[counted.length / 2], counted[0], counted[counted.length - 1]);
    }

    private static List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String set : List.of(
                "customer-messages",
                "fresh-messages",
                "held-out-messages",
                "unseen-messages",
                "real-world-messages",
                "real-world-validation",
                "real-world-check")) {
            try (InputStream in = TriageSpeedBenchmark.class.getResourceAsStream("/triage/" + set + ".jsonl")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        JsonNode n = json.readTree(line);
                        messages.add(new Message(
                                n.path("subject").asString(""), n.path("body").asString("")));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }
}
