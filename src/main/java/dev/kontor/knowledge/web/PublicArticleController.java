package dev.kontor.knowledge.web;

import dev.kontor.knowledge.ArticleView;
import dev.kontor.knowledge.KnowledgeBase;
import dev.kontor.knowledge.internal.LightMarkdown;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A public article, readable without signing in, read-only, in one of its languages (the original when the one
 * asked for is missing). Internal articles and other clients' keys answer 404 like articles that do not exist.
 */
@Controller
class PublicArticleController {

    private final KnowledgeBase knowledge;

    PublicArticleController(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    @GetMapping("/help/{client}/{id}/{language}")
    String article(@PathVariable String client, @PathVariable long id, @PathVariable String language, Model model) {
        ArticleView a = knowledge.publicArticle(client, id);
        ArticleView.Variant v = a.preferred(language);
        model.addAttribute("article", a);
        model.addAttribute("variant", v);
        model.addAttribute("html", LightMarkdown.html(v.body()));
        model.addAttribute("clientKey", client);
        return "knowledge/public";
    }

    @GetMapping("/help/{client}/{id}")
    String original(@PathVariable String client, @PathVariable long id) {
        ArticleView a = knowledge.publicArticle(client, id);
        return "redirect:"
                + KnowledgeBase.publicPath(client, id, a.variants().get(0).language());
    }
}
