/* Code Zero consent banner: progressive enhancement, no build step, no dependencies.
   Without this script the banner is a plain form that posts to /{lang}/consent and is redirected back.
   With it: the banner disappears at once when a decision already exists (cached pages always contain it), and
   a click on a banner button posts the same form in the background and removes the banner without a reload.
   The server stores a decision only with the visitor's own CSRF token, which a cached page cannot carry: when
   the form has none, the script first fetches the (never cached) settings page at the form's action and takes
   the token from its form; the server sets the matching cookie there. Without a token the plain post lands on
   that settings page, where one more click confirms the choice.
   It sets no cookie itself and loads nothing else; the server records the decision and sets the cookie. */
(function () {
    "use strict";
    var cookieName = "cz_consent";

    function decided() {
        return document.cookie.split(";").some(function (part) {
            return part.trim().indexOf(cookieName + "=") === 0;
        });
    }

    function init() {
        var banner = document.querySelector("[data-consent-banner]");
        if (!banner) { return; }
        if (decided() && !banner.closest("main")) {
            banner.remove();
            return;
        }
        var form = banner.querySelector("form");
        if (!form || !window.fetch || !window.URLSearchParams) { return; }
        var clicked = null;
        form.addEventListener("click", function (event) {
            if (event.target && event.target.name === "choice") { clicked = event.target; }
        });
        form.addEventListener("submit", function (event) {
            if (banner.closest("main")) { return; }
            event.preventDefault();
            var body = new URLSearchParams(new FormData(form));
            var submitter = event.submitter || clicked;
            if (submitter && submitter.name) { body.set(submitter.name, submitter.value); }
            var withToken = function () {
                if (body.get("csrf_token")) { return Promise.resolve(body); }
                return fetch(form.action, {
                    credentials: "same-origin",
                    headers: { "Accept": "text/html" }
                }).then(function (response) {
                    if (!response.ok) { throw new Error("consent settings page: " + response.status); }
                    return response.text();
                }).then(function (html) {
                    var page = new DOMParser().parseFromString(html, "text/html");
                    var field = page.querySelector("form input[name=csrf_token]");
                    if (!field || !field.value) { throw new Error("consent settings page without token"); }
                    body.set("csrf_token", field.value);
                    return body;
                });
            };
            var fallback = function () {
                if (submitter && submitter.name) {
                    var hidden = document.createElement("input");
                    hidden.type = "hidden";
                    hidden.name = submitter.name;
                    hidden.value = submitter.value;
                    form.appendChild(hidden);
                }
                form.submit();
            };
            withToken().then(function (tokened) {
                return fetch(form.action, {
                    method: "POST",
                    body: tokened,
                    credentials: "same-origin",
                    redirect: "manual",
                    headers: { "Accept": "text/html" }
                });
            }).then(function (response) {
                if (response.type === "opaqueredirect" || response.ok) {
                    banner.remove();
                    var main = document.getElementById("main");
                    if (main) { main.focus(); }
                } else {
                    fallback();
                }
            }).catch(fallback);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}());
