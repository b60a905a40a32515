package dev.kontor.answers;

import java.util.List;
import java.util.Map;

/** What callers send to create or change templates and macros. */
public final class AnswerCommands {

    private AnswerCommands() {}

    /** A template as written; {@code variants} maps a language code to its text and replaces all saved ones. */
    public record SaveTemplate(
            Long clientId, Long storeId, String category, String name, String shortcut, Map<String, String> variants) {}

    /** A macro as written; the template is named by id (or, in an import, by name). */
    public record SaveMacro(
            Long clientId,
            String name,
            Long templateId,
            List<String> addTags,
            List<String> removeTags,
            String status,
            String priority,
            String category,
            Long teamId,
            Long assigneeId,
            String note) {}

    /** A client's answers as exported and imported (templates by name, macros naming their template). */
    public record AnswerSet(List<ExportedTemplate> templates, List<ExportedMacro> macros) {}

    public record ExportedTemplate(
            String name, String storeKey, String category, String shortcut, Map<String, String> variants) {}

    public record ExportedMacro(
            String name,
            String template,
            List<String> addTags,
            List<String> removeTags,
            String status,
            String priority,
            String category,
            String note) {}
}
