package dev.kontor.imports.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.imports.ImportErrorView;
import dev.kontor.imports.ImportManagement;
import dev.kontor.imports.ImportView;
import dev.kontor.imports.NewImport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * History imports for admins: create one, send its file in parts (each a request body of raw bytes, cut anywhere),
 * start it, and poll its progress and errors. See docs/import.md.
 */
@RestController
@RequestMapping("/api/v1/imports")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "History imports")
class ImportRestController {

    private final ImportManagement imports;

    ImportRestController(ImportManagement imports) {
        this.imports = imports;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Set up an import; then send its file with POST /{id}/parts and start it")
    ImportView create(CurrentUser user, @Valid @RequestBody NewImport command) {
        return imports.create(command, user.scope(), user.id());
    }

    @PostMapping(path = "/{id}/parts")
    @Operation(summary = "Append the next part of the file (raw bytes, at most the request size limit each)")
    ImportView part(CurrentUser user, @PathVariable long id, @RequestBody byte[] content) {
        return imports.appendPart(id, user.scope(), content);
    }

    @PostMapping("/{id}/start")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ImportView start(CurrentUser user, @PathVariable long id) {
        return imports.start(id, user.scope());
    }

    @PostMapping("/{id}/cancel")
    ImportView cancel(CurrentUser user, @PathVariable long id) {
        return imports.cancel(id, user.scope());
    }

    @GetMapping
    List<ImportView> list(CurrentUser user, @RequestParam(defaultValue = "50") int limit) {
        return imports.imports(user.scope(), Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "An import's progress: counts, rate, ETA")
    ImportView get(CurrentUser user, @PathVariable long id) {
        return imports.find(id, user.scope());
    }

    @GetMapping("/{id}/errors")
    @Operation(summary = "The lines an import could not take, with their line number and field")
    List<ImportErrorView> errors(
            CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "1000") int limit) {
        return imports.errors(id, user.scope(), Math.max(1, Math.min(limit, 10_000)));
    }
}
