package dev.kontor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every UI text exists in English, German, French and Italian, and every key a template uses exists. */
class MessageBundlesUnitTests {

    static final Path BUNDLES = Path.of("src/main/resources/messages");
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final List<String> LOCALES = List.of("de", "fr", "it");

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    static Set<String> baseNames() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".properties") && !n.matches(".*_[a-z]{2}\\.properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length()))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    static Set<String> englishKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String base : baseNames()) {
            keys.addAll(load(BUNDLES.resolve(base + ".properties")).stringPropertyNames());
        }
        return keys;
    }

    @Test
    void everyLocaleHasExactlyTheEnglishKeys() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String base : baseNames()) {
            Set<String> english = load(BUNDLES.resolve(base + ".properties")).stringPropertyNames();
            for (String locale : LOCALES) {
                Path file = BUNDLES.resolve(base + "_" + locale + ".properties");
                if (!Files.exists(file)) {
                    problems.add(file + " is missing");
                    continue;
                }
                Set<String> translated = load(file).stringPropertyNames();
                Set<String> missing = new TreeSet<>(english);
                missing.removeAll(translated);
                Set<String> extra = new TreeSet<>(translated);
                extra.removeAll(english);
                if (!missing.isEmpty()) {
                    problems.add(file.getFileName() + " lacks " + missing);
                }
                if (!extra.isEmpty()) {
                    problems.add(file.getFileName() + " has keys English lacks: " + extra);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noTextIsBlank() throws IOException {
        List<String> blank = new ArrayList<>();
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.toList()) {
                Properties p = load(file);
                p.stringPropertyNames().stream()
                        .filter(k -> p.getProperty(k).isBlank())
                        .forEach(k -> blank.add(file.getFileName() + ": " + k));
            }
        }
        assertThat(blank).isEmpty();
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> keys = englishKeys();
        Pattern literal = Pattern.compile("#\\{([a-zA-Z0-9_.]+)}");
        Pattern prefix = Pattern.compile("#\\{'([a-zA-Z0-9_.]+\\.)' \\+");
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file);
                Matcher m = literal.matcher(html);
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        unknown.add(file.getFileName() + ": " + m.group(1));
                    }
                }
                Matcher p = prefix.matcher(html);
                while (p.find()) {
                    String start = p.group(1);
                    if (keys.stream().noneMatch(k -> k.startsWith(start))) {
                        unknown.add(file.getFileName() + ": " + start + "*");
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyStatusPriorityChannelAndRoleHasAText() throws IOException {
        Set<String> keys = englishKeys();
        for (var s : dev.kontor.tickets.TicketStatus.values()) {
            assertThat(keys).contains("status." + s.key());
        }
        for (var p : dev.kontor.tickets.Priority.values()) {
            assertThat(keys).contains("priority." + p.key());
        }
        for (var c : dev.kontor.clients.ChannelKind.values()) {
            assertThat(keys).contains("channel." + c.key());
        }
        for (var r : dev.kontor.accounts.Role.values()) {
            assertThat(keys).contains("role." + r.key());
        }
    }
}
