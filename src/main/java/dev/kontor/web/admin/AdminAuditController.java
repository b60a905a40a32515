package dev.kontor.web.admin;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The audit trail for admins: filter by kind, user and dates, page through it, export it as CSV. */
@Controller
class AdminAuditController {

    private final AuditLog audit;
    private final AccountManagement accounts;

    AdminAuditController(AuditLog audit, AccountManagement accounts) {
        this.audit = audit;
        this.accounts = accounts;
    }

    @GetMapping("/admin/audit")
    String audit(@ModelAttribute("filter") AuditFilter filter, Model model) {
        model.addAttribute("filterErrors", filter.errors());
        model.addAttribute("entries", audit.entries(filter.query()));
        model.addAttribute("kinds", AuditKind.values());
        model.addAttribute("users", accounts.users());
        return "admin/audit";
    }

    @GetMapping("/admin/audit/export.csv")
    void export(@ModelAttribute("filter") AuditFilter filter, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        audit.export(filter.query(), new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }
}
