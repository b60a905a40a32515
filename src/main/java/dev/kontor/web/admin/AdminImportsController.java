package dev.kontor.web.admin;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.clients.ClientManagement;
import dev.kontor.imports.ImportManagement;
import dev.kontor.imports.ImportView;
import dev.kontor.imports.NewImport;
import dev.kontor.shared.ClientScope;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Admin page for history imports: upload a file, follow the running import live, and read past imports' errors. */
@Controller
class AdminImportsController {

    private final ImportManagement imports;
    private final ClientManagement clients;

    AdminImportsController(ImportManagement imports, ClientManagement clients) {
        this.imports = imports;
        this.clients = clients;
    }

    record ImportForm(
            @NotNull Long clientId,
            Long storeId,
            @Pattern(regexp = "^[a-z0-9][a-z0-9_-]{0,39}$") String source,
            @Pattern(regexp = "^(jsonl|csv)$") String format,
            Boolean runFlow) {

        static ImportForm blank() {
            return new ImportForm(null, null, "import", "jsonl", false);
        }
    }

    @GetMapping("/admin/imports")
    String page(Model model) {
        if (!model.containsAttribute("importForm")) {
            model.addAttribute("importForm", ImportForm.blank());
        }
        model.addAttribute("imports", imports.imports(ClientScope.everything(), 50));
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("stores", clients.stores(ClientScope.everything()));
        return "admin/imports";
    }

    @PostMapping("/admin/imports")
    String upload(
            CurrentUser user,
            @Validated @ModelAttribute("importForm") ImportForm form,
            BindingResult errors,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Model model) {
        if (file == null || file.isEmpty()) {
            errors.rejectValue("source", "file", "file: choose a file to import");
        }
        ImportView[] started = new ImportView[1];
        String done = AdminForms.submit(
                errors,
                () -> {
                    try {
                        started[0] = imports.upload(
                                new NewImport(
                                        form.clientId(),
                                        form.storeId(),
                                        null,
                                        form.source(),
                                        form.format(),
                                        file.getOriginalFilename(),
                                        Boolean.TRUE.equals(form.runFlow())),
                                user.scope(),
                                user.id(),
                                file.getInputStream());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "ok",
                () -> page(model));
        return done.equals("ok") ? "redirect:/admin/imports/" + started[0].id() : done;
    }

    /** The import's page; for htmx (the live progress polling) only its progress fragment. */
    @GetMapping("/admin/imports/{id}")
    String detail(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        ImportView job = imports.find(id, ClientScope.everything());
        model.addAttribute("job", job);
        model.addAttribute(
                "client", clients.client(job.clientId()).map(c -> c.name()).orElse(""));
        if (htmx != null) {
            return "admin/import :: progress";
        }
        model.addAttribute("errors", imports.errors(id, ClientScope.everything(), 1000));
        return "admin/import";
    }

    @PostMapping("/admin/imports/{id}/cancel")
    String cancel(@PathVariable long id) {
        imports.cancel(id, ClientScope.everything());
        return "redirect:/admin/imports/" + id;
    }
}
