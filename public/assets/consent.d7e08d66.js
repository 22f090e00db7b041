/* Code Zero consent banner: progressive enhancement, no build step, no dependencies.
   Without this script the banner is a plain form that posts to /{lang}/consent and is redirected back.
   With it: the banner disappears at once when a decision already exists (cached pages always contain it), and
   a click on a banner button posts the same form in the background and removes the banner without a reload.
   It sets no cookie itself and loads nothing; the server records the decision and sets the cookie. */
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
            fetch(form.action, {
                method: "POST",
                body: body,
                credentials: "same-origin",
                redirect: "manual",
                headers: { "Accept": "text/html" }
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
