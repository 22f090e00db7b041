<?php
// The bench's PHP-FPM peer (make bench only): the pool's two compared endpoints with the project's SQL.
//   GET  /api/v1/billing/purchases  bearer token → the company's purchases, newest first
//   POST /api/v1/pricing/quote      {package, addons:[{id, quantity}], country, vat_id?} → the priced quote
// One persistent PostgreSQL connection per FPM child (pg_pconnect); the catalog is read per request,
// as PHP keeps nothing between requests without an extension (APCu is not in Debian's php-fpm).
// Times: the pool's SQL (whole seconds since 1970) formatted by gmdate, cheaper here than to_char in the database.
// VAT: Germany 19 %, other EU members need a VAT ID (reverse charge; format not verified), others outside scope.

const EU = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT',
    'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];
const NOTES = [
    'S' => null,
    'AE' => ['de' => 'Steuerschuldnerschaft des Leistungsempfängers',
             'en' => 'Reverse charge: VAT to be accounted for by the recipient'],
    'O' => ['de' => 'Nicht im Inland steuerbare Leistung', 'en' => 'Not taxable in Germany'],
];

function answer(int $status, $body, string $cache = 'no-store'): void {
    http_response_code($status);
    header($status >= 400 ? 'Content-Type: application/problem+json' : 'Content-Type: application/json');
    header("Cache-Control: $cache");
    echo json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
}

function problem(int $status, string $title, array $errors = []): void {
    answer($status, ['type' => 'about:blank', 'title' => $title, 'status' => $status, 'errors' => $errors]);
}

// Half away from zero, in integers (the project's one rounding rule).
function vat_cents(int $net, int $basisPoints): int {
    $product = $net * $basisPoints;
    $sign = $product < 0 ? -1 : 1;
    return $sign * intdiv(abs($product) * 2 + 10000, 20000);
}

function percent_text(int $bp): string {
    $whole = intdiv($bp, 100);
    $fraction = $bp % 100;
    if ($fraction == 0) return (string)$whole;
    if ($fraction % 10 == 0) return $whole . '.' . intdiv($fraction, 10);
    return $whole . '.' . ($fraction < 10 ? '0' : '') . $fraction;
}

function purchases($db): void {
    $header = $_SERVER['HTTP_AUTHORIZATION'] ?? '';
    $parts = preg_split('/ +/', trim($header));
    $token = (count($parts) == 2 && strtolower($parts[0]) == 'bearer') ? $parts[1] : '';
    if (!preg_match('/^cz_[A-Za-z0-9_-]{43}$/', $token)) { problem(401, 'Not signed in'); return; }
    $rows = pg_query_params($db, <<<'SQL'
        SELECT t.id, t.user_id, t.company_id, u.email, m.role, t.second_factor,
               extract(epoch FROM t.last_used_at)::float8 AS last_used_at
        FROM api_tokens t
        JOIN users u ON u.id = t.user_id AND u.disabled_at IS NULL
        JOIN memberships m ON m.user_id = t.user_id AND m.company_id = t.company_id
        WHERE t.token_hash = decode($1, 'hex') AND t.revoked_at IS NULL
        SQL, [hash('sha256', $token)]);
    $principal = pg_fetch_assoc($rows);
    if (!$principal) { problem(401, 'Not signed in'); return; }
    $now = microtime(true);
    if ($principal['last_used_at'] === null || $now - (float)$principal['last_used_at'] >= 60) {
        pg_query_params($db, 'UPDATE api_tokens SET last_used_at = to_timestamp($1) WHERE id = $2::uuid',
            [$now, $principal['id']]);
    }
    $rows = pg_query_params($db, <<<'SQL'
        SELECT id::text, provider, provider_ref, type, product_id, order_id::text,
            status, credits_amount, currency, net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge,
            vat_category, buyer_country, buyer_vat_id,
            floor(date_part('epoch', created_at))::int8 AS created_at,
            floor(date_part('epoch', paid_at))::int8 AS paid_at
        FROM purchases WHERE company_id = $1::uuid ORDER BY created_at DESC, id LIMIT 100
        SQL, [$principal['company_id']]);
    $list = [];
    while ($row = pg_fetch_assoc($rows)) {
        $list[] = [
            'id' => $row['id'], 'provider' => $row['provider'], 'provider_ref' => $row['provider_ref'],
            'type' => $row['type'], 'product_id' => $row['product_id'], 'order_id' => $row['order_id'],
            'status' => $row['status'], 'credits_amount' => (int)$row['credits_amount'],
            'currency' => $row['currency'], 'net_cents' => (int)$row['net_cents'],
            'vat_rate' => percent_text((int)$row['vat_rate_bp']), 'vat_rate_basis_points' => (int)$row['vat_rate_bp'],
            'vat_cents' => (int)$row['vat_cents'], 'amount_cents' => (int)$row['amount_cents'],
            'reverse_charge' => $row['reverse_charge'] === 't', 'vat_category' => $row['vat_category'],
            'buyer_country' => $row['buyer_country'], 'buyer_vat_id' => $row['buyer_vat_id'],
            'created_at' => gmdate('Y-m-d\\TH:i:s\\Z', (int)$row['created_at']),
            'paid_at' => $row['paid_at'] === null ? null : gmdate('Y-m-d\\TH:i:s\\Z', (int)$row['paid_at']),
            'legal_note' => NOTES[$row['vat_category']] ?? null,
        ];
    }
    answer(200, ['purchases' => $list], 'private, no-store');
}

function quote($db): void {
    $input = json_decode(file_get_contents('php://input'), true, 32);
    if (!is_array($input)) { problem(400, 'Bad JSON'); return; }
    $errors = [];
    $package = $input['package'] ?? null;
    $country = $input['country'] ?? null;
    $vatId = $input['vat_id'] ?? null;
    if (!is_string($package) || $package === '' || strlen($package) > 64) $errors[] = ['field' => 'package'];
    if (!is_string($country) || !preg_match('/^[A-Z]{2}$/', $country)) $errors[] = ['field' => 'country'];
    if ($vatId !== null && (!is_string($vatId) || strlen($vatId) > 20)) $errors[] = ['field' => 'vat_id'];
    $addons = $input['addons'] ?? [];
    if (!is_array($addons)) $errors[] = ['field' => 'addons'];
    if ($errors) { problem(422, 'Invalid input', $errors); return; }
    $catalog = [];
    foreach (['catalog_packages' => 'package', 'catalog_addons' => 'addon'] as $table => $kind) {
        $max = $kind == 'addon' ? 'max_quantity' : '1 AS max_quantity';
        $rows = pg_query($db, "SELECT id, name_de, name_en, net_cents, currency, interval, active, $max FROM $table");
        while ($row = pg_fetch_assoc($rows)) $catalog[$kind][$row['id']] = $row;
    }
    $item = $catalog['package'][$package] ?? null;
    if (!$item || $item['active'] !== 't') { problem(422, 'Unknown package', [['field' => 'package']]); return; }
    $lines = [[$item, 'package', 1]];
    $seen = [];
    foreach ($addons as $index => $selection) {
        $id = $selection['id'] ?? null;
        $quantity = $selection['quantity'] ?? 1;
        $addon = is_string($id) ? ($catalog['addon'][$id] ?? null) : null;
        if (!$addon || $addon['active'] !== 't' || isset($seen[$id]) || !is_int($quantity)
            || $quantity < 1 || $quantity > (int)$addon['max_quantity']) {
            problem(422, 'Invalid add-on', [['field' => 'addons', 'detail' => "item $index"]]);
            return;
        }
        $seen[$id] = true;
        $lines[] = [$addon, 'addon', $quantity];
    }
    $given = $vatId === null ? '' : strtoupper(preg_replace('/[\s.-]/', '', $vatId));
    if ($country == 'DE') { $category = 'S'; $bp = 1900; }
    elseif (in_array($country, EU, true)) {
        if ($given === '') { problem(422, 'VAT ID required', [['field' => 'vat_id']]); return; }
        $category = 'AE'; $bp = 0;
    } else { $category = 'O'; $bp = 0; $given = ''; }
    $totals = ['one_time' => 0, 'monthly' => 0, 'all' => 0];
    $out = [];
    foreach ($lines as [$row, $kind, $quantity]) {
        $net = (int)$row['net_cents'] * $quantity;
        $totals[$row['interval']] += $net;
        $totals['all'] += $net;
        $out[] = ['id' => $row['id'], 'kind' => $kind, 'name' => ['de' => $row['name_de'], 'en' => $row['name_en']],
            'interval' => $row['interval'], 'unit_net_cents' => (int)$row['net_cents'], 'quantity' => $quantity,
            'line_net_cents' => $net];
    }
    $sum = function (int $net) use ($bp) {
        $vat = vat_cents($net, $bp);
        return ['net_cents' => $net, 'vat_cents' => $vat, 'gross_cents' => $net + $vat];
    };
    $all = $sum($totals['all']);
    answer(200, ['currency' => 'EUR', 'lines' => $out, 'net_cents' => $all['net_cents'],
        'vat_rate' => percent_text($bp), 'vat_rate_basis_points' => $bp, 'vat_cents' => $all['vat_cents'],
        'gross_cents' => $all['gross_cents'], 'reverse_charge' => $category == 'AE', 'vat_category' => $category,
        'country' => $country, 'vat_id' => $given === '' ? null : $given, 'legal_note' => NOTES[$category],
        'one_time' => $sum($totals['one_time']), 'monthly' => $sum($totals['monthly'])]);
}

$db = pg_pconnect(getenv('BENCH_DATABASE_URL'));
if (!$db) { problem(503, 'No database'); return; }
$path = strtok($_SERVER['REQUEST_URI'], '?');
$path = substr($path, strlen('/bench/php'));
$method = $_SERVER['REQUEST_METHOD'];
if ($method == 'GET' && $path == '/api/v1/billing/purchases') purchases($db);
elseif ($method == 'POST' && $path == '/api/v1/pricing/quote') quote($db);
else problem(404, 'Not found');
