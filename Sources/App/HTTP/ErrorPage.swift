import Domain
import Web

/// A small, self-contained localized error page for the site's paths (404, 405, 500, 503).
///
/// Deliberately independent of the templates: it must render even when a template or the database is the
/// thing that failed.
enum ErrorPage {
    /// The page for `problem` in `language`, with the problem's status and headers.
    static func response(problem: Problem, language: Language) -> Response {
        let (title, text) = words(status: problem.status.code, language: language)
        let home = language == .de ? "Zur Startseite" : "Go to the home page"
        let html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>\(title) | Code Zero</title></head>
            <body><main><h1>\(title)</h1><p>\(text)</p><p><a href="/\(language.rawValue)/">\(home)</a></p></main></body>
            </html>
            """
        var response = Response.html(html, status: problem.status)
        response.headers.merge(problem.headers)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    static func words(status: Int, language: Language) -> (String, String) {
        switch (status, language) {
        case (404, .de): ("Seite nicht gefunden", "Diese Seite gibt es nicht (mehr). Prüfen Sie die Adresse.")
        case (404, .en): ("Page not found", "This page does not exist (any more). Please check the address.")
        case (405, .de): ("Aktion nicht möglich", "Diese Seite unterstützt diese Anfrage nicht.")
        case (405, .en): ("Action not possible", "This page does not support this request.")
        case (503, .de): ("Vorübergehend nicht verfügbar", "Bitte versuchen Sie es in wenigen Augenblicken erneut.")
        case (503, .en): ("Temporarily unavailable", "Please try again in a few moments.")
        case (400..<500, .de): ("Anfrage nicht möglich", "Die Anfrage konnte nicht verarbeitet werden.")
        case (400..<500, .en): ("Request not possible", "The request could not be processed.")
        case (_, .de): ("Ein Fehler ist aufgetreten", "Bitte versuchen Sie es später erneut.")
        case (_, .en): ("Something went wrong", "Please try again later.")
        }
    }
}
