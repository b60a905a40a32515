package dev.kontor.triage.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketView;
import dev.kontor.triage.Triage;
import dev.kontor.triage.TriageManagement;
import dev.kontor.triage.TriageManagement.CorrectionView;
import dev.kontor.triage.TriageManagement.KeywordView;
import dev.kontor.triage.TriageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Triage in the API: correct a ticket's language and category, try a text, and manage clients' keywords. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Triage")
class TriageRestController {

    private final TriageManagement management;
    private final Triage triage;

    TriageRestController(TriageManagement management, Triage triage) {
        this.management = management;
        this.triage = triage;
    }

    record Correction(
            @Size(max = 10) String language, @Size(max = 40) String category) {}

    record Analyze(
            @NotNull Long clientId,
            @Size(max = 500) String subject,
            @Size(max = 100_000) String body) {}

    /**
     * {@code orderRefs}: canonical, the main one first ({@code mainOrderRef}); {@code readText}: the text triage
     * read; {@code cutParts}: quoted replies, signature and footer it left out.
     */
    record AnalyzeResult(
            String language,
            String category,
            Map<String, Double> scores,
            List<String> orderRefs,
            String mainOrderRef,
            String readText,
            List<CutPart> cutParts) {}

    record CutPart(String part, String text) {}

    record NewKeyword(@NotNull Long clientId, String category, String phrase, Double weight) {}

    @PutMapping("/tickets/{id}/triage")
    @Operation(
            summary = "Correct a ticket's language and category",
            description = "Recorded with the agent's name; automatic triage keeps off the ticket afterwards, and the"
                    + " classifier learns the message's words for this client. category: cancellation,"
                    + " where_is_my_order, return, refund, damaged_or_defective, invoice, quote, product_question,"
                    + " address_change, other")
    TicketView correct(CurrentUser user, @PathVariable long id, @Valid @RequestBody Correction c) {
        return management.correct(
                id, user.scope(), new Actor(user.id(), user.displayName()), c.language(), c.category());
    }

    @PostMapping("/triage/analyze")
    @Operation(summary = "Triage a text as a client's customer message, without storing anything")
    AnalyzeResult analyze(CurrentUser user, @Valid @RequestBody Analyze a) {
        if (!user.scope().permits(a.clientId())) {
            throw new NotFound("client " + a.clientId());
        }
        TriageResult r = triage.analyze(a.clientId(), a.subject(), a.body());
        return new AnalyzeResult(
                r.language(),
                r.category().key(),
                r.scores().entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().key(), Map.Entry::getValue)),
                r.orderRefs(),
                r.mainOrderRef(),
                r.message().text(),
                r.message().cuts().stream()
                        .map(c -> new CutPart(c.part().name().toLowerCase(java.util.Locale.ROOT), c.text()))
                        .toList());
    }

    @GetMapping("/triage/corrections")
    List<CorrectionView> corrections(CurrentUser user, @RequestParam(defaultValue = "100") int limit) {
        return management.corrections(user.scope(), limit);
    }

    @GetMapping("/triage/keywords")
    List<KeywordView> keywords(CurrentUser user) {
        return management.keywords(user.scope());
    }

    @PostMapping("/triage/keywords")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "A client's phrase that points to a category (a negative weight points away from it)")
    KeywordView addKeyword(@Valid @RequestBody NewKeyword k) {
        return management.addKeyword(k.clientId(), k.category(), k.phrase(), k.weight());
    }

    @DeleteMapping("/triage/keywords/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    void deleteKeyword(@PathVariable long id) {
        management.deleteKeyword(id);
    }
}
