/* Code Zero configurator: progressive enhancement, no build step, no dependencies.
   Without this script the form submits to the server, which renders the price summary. With it, every change
   posts the configuration as JSON to the quote API and redraws the summary (an aria-live region) in place.
   The summary is built with textContent only; nothing from the response is parsed as HTML. */
(function () {
    "use strict";
    var form = document.querySelector("[data-configurator]");
    var result = document.querySelector("[data-quote-result]");
    var template = document.querySelector("[data-quote-template]");
    if (!form || !result || !template || !window.fetch || !window.JSON) { return; }
    var orderForm = document.querySelector("[data-order-form]");
    var orderFields = orderForm ? orderForm.querySelector("[data-order-fields]") : null;
    var lang = form.getAttribute("data-lang") === "en" ? "en" : "de";
    var locale = lang === "de" ? "de-DE" : "en-GB";
    var timer = null;
    var controller = null;

    function money(cents, currency) {
        return new Intl.NumberFormat(locale, { style: "currency", currency: currency || "EUR" }).format(cents / 100);
    }

    function percent(rate) {
        var value = typeof rate === "string" ? parseFloat(rate) : Number(rate);
        if (isNaN(value)) { return ""; }
        if (value > 100) { value = value / 100; } else if (value > 0 && value < 1) { value = value * 100; }
        return value.toLocaleString(locale) + (lang === "de" ? "\u00a0%" : "%");
    }

    function localized(value) {
        if (!value) { return ""; }
        if (typeof value === "string") { return value; }
        return value[lang] || value.de || "";
    }

    function labelFor(id) {
        var input = document.getElementById("cfg-package-" + id) ||
            document.getElementById("cfg-qty-" + id.replace(/_/g, "-"));
        var label = input ? form.querySelector("label[for='" + input.id + "'] strong") : null;
        return label ? label.textContent : id;
    }

    function configuration() {
        var data = { addons: [] };
        var chosen = form.querySelector("input[name='package']:checked");
        data["package"] = chosen ? chosen.value : "";
        Array.prototype.forEach.call(form.querySelectorAll("input[name^='qty_']"), function (input) {
            var quantity = input.type === "checkbox" ? (input.checked ? 1 : 0) : parseInt(input.value || "0", 10);
            if (quantity > 0) { data.addons.push({ id: input.name.slice(4), quantity: quantity }); }
        });
        data.country = form.querySelector("[name='country']").value;
        var vatId = form.querySelector("[name='vat_id']").value.trim();
        if (vatId) { data.vat_id = vatId; }
        return data;
    }

    function cell(tag, text, className) {
        var element = document.createElement(tag);
        element.textContent = text;
        if (className) { element.className = className; }
        if (tag === "th") { element.setAttribute("scope", "row"); }
        return element;
    }

    function showError(message) {
        var paragraph = document.createElement("p");
        paragraph.className = "form-error";
        paragraph.textContent = message || form.getAttribute("data-error-text");
        result.replaceChildren(paragraph);
        if (orderForm) { orderForm.hidden = true; }
    }

    function showQuote(quote, data) {
        var fragment = template.content.cloneNode(true);
        var body = fragment.querySelector("[data-lines]");
        (quote.lines || []).forEach(function (line) {
            var row = document.createElement("tr");
            var quantity = line.quantity || 1;
            var total = line.line_net_cents !== undefined ? line.line_net_cents : line.net_cents;
            var unit = line.unit_net_cents !== undefined ? line.unit_net_cents : Math.round(total / quantity);
            var interval = line.interval === "monthly" ? form.getAttribute("data-monthly") :
                form.getAttribute("data-one-time");
            row.appendChild(cell("th", localized(line.name) || labelFor(line.id)));
            row.appendChild(cell("td", String(quantity), "num"));
            row.appendChild(cell("td", money(unit, quote.currency), "num"));
            row.appendChild(cell("td", interval));
            row.appendChild(cell("td", money(total, quote.currency), "num"));
            body.appendChild(row);
        });
        var country = form.querySelector("[name='country']");
        var countryName = country.options[country.selectedIndex] ? country.options[country.selectedIndex].text : "";
        fragment.querySelector("[data-quote-net]").textContent = money(quote.net_cents, quote.currency);
        fragment.querySelector("[data-quote-rate]").textContent = percent(quote.vat_rate) + " (" + countryName + ")";
        fragment.querySelector("[data-quote-vat]").textContent = money(quote.vat_cents, quote.currency);
        fragment.querySelector("[data-quote-gross]").textContent = money(quote.gross_cents, quote.currency);
        var monthly = quote.monthly && quote.monthly.gross_cents !== undefined ? quote.monthly.gross_cents : null;
        if (monthly) {
            var recurring = fragment.querySelector("[data-quote-monthly]");
            recurring.querySelector("span").textContent = money(monthly, quote.currency);
            recurring.hidden = false;
        }
        var note = localized(quote.legal_note) || localized(lang === "de" ? quote.legal_note_de : quote.legal_note_en);
        if (note) {
            var noteElement = fragment.querySelector("[data-quote-note]");
            noteElement.querySelector("strong").textContent = note;
            noteElement.hidden = false;
        }
        result.replaceChildren(fragment);
        updateOrder(data);
    }

    function updateOrder(data) {
        if (!orderForm || !orderFields) { return; }
        var inputs = [["package", data["package"]], ["country", data.country]];
        data.addons.forEach(function (addon) { inputs.push(["qty_" + addon.id, String(addon.quantity)]); });
        if (data.vat_id) { inputs.push(["vat_id", data.vat_id]); }
        orderFields.replaceChildren();
        inputs.forEach(function (pair) {
            var input = document.createElement("input");
            input.type = "hidden";
            input.name = pair[0];
            input.value = pair[1];
            orderFields.appendChild(input);
        });
        orderForm.hidden = false;
    }

    function refresh() {
        var data = configuration();
        if (!data["package"] || !data.country) { return; }
        if (controller) { controller.abort(); }
        controller = window.AbortController ? new AbortController() : null;
        fetch(form.getAttribute("data-quote-url"), {
            method: "POST",
            headers: { "Content-Type": "application/json", "Accept": "application/json", "Accept-Language": lang },
            body: JSON.stringify(data),
            credentials: "same-origin",
            signal: controller ? controller.signal : undefined
        }).then(function (response) {
            return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        }).then(function (answer) {
            if (answer.ok) { showQuote(answer.body, data); } else { showError(answer.body && answer.body.detail); }
        }).catch(function (error) {
            if (!error || error.name !== "AbortError") { showError(null); }
        });
    }

    function schedule() {
        if (timer) { window.clearTimeout(timer); }
        timer = window.setTimeout(refresh, 250);
    }

    form.addEventListener("change", schedule);
    form.addEventListener("input", function (event) {
        if (event.target && (event.target.type === "number" || event.target.name === "vat_id")) { schedule(); }
    });
}());
