package dev.kontor.triage;

import dev.kontor.orders.OrderManagement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads a customer message: language, category and order references (linked to stored orders of the client). */
@Service
public class Triage {

    private final dev.kontor.triage.internal.TriageEngine engine;
    private final OrderManagement orders;

    Triage(dev.kontor.triage.internal.TriageEngine engine, OrderManagement orders) {
        this.engine = engine;
        this.orders = orders;
    }

    public TriageResult analyze(long clientId, String subject, String body) {
        String text = (subject == null ? "" : subject + "\n") + (body == null ? "" : body);
        String language = engine.language(text);
        Map<Category, Double> scores = engine.scores(clientId, subject, body);
        List<String> refs = new ArrayList<>();
        for (String ref : engine.orderReferences(text)) {
            String linked = orders.resolve(clientId, ref).orElse(ref);
            if (!refs.contains(linked)) {
                refs.add(linked);
            }
        }
        return new TriageResult(language, engine.best(scores), scores, List.copyOf(refs));
    }
}
