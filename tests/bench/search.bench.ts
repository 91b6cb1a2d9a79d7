/**
 * Bench section `search`: full-text ticket search at scale on PostgreSQL. Seeds tickets (the
 * `tickets` section's organisations, licences and tickets) and BENCH_SEARCH_MESSAGES messages
 * (default 1 000 000) of generated Russian support text — words of a support vocabulary in
 * their different forms and a long tail of rarer words, common words far more frequent than rare
 * ones — with INSERT … SELECT
 * in batches; the generated tsvector column fills as rows go in, the GIN index is built once at
 * the end. Seeding stops early after BENCH_SEARCH_SEED_SECONDS (default 540) and reports how many
 * messages it reached. Then it measures p50/p95 of two-word Russian queries in other word forms
 * than the text (the desk's ranked ticket search, as the search page calls it; the customer's
 * own-organisation search; the whole desk search box, which ranks the newest matches first, and the
 * same over all dates).
 *
 * Needs PostgreSQL: BENCH_DATABASE_URL (or TEST_DATABASE_URL) is an admin URL; a scratch
 * database keydesk_bench_search_<pid> is created and dropped (kept, and named keydesk_bench_search
 * or BENCH_SEARCH_DATABASE, with BENCH_SEARCH_KEEP=1 — for EXPLAIN ANALYZE by hand;
 * BENCH_SEARCH_REUSE=1 then measures that kept database again without seeding).
 */
import postgres from "postgres";
import { deskSearch, portalSearch, searchTickets } from "~/modules/knowledge/search.server";
import { migrateDatabase, openPostgres, useDatabase } from "~/utils/db.server";
import { measure, seed, withDatabase } from "./tickets.bench";

/** Word forms of a support desk's Russian; the order is the frequency rank (first = most common). */
const VOCABULARY = `
не на в и что с по после при для это мы у нас как уже всё снова только очень можно нужно пожалуйста спасибо
сайт сайта сайте ошибка ошибку ошибки ошибкой модуль модуля модуле модулем заказ заказа заказы заказов
обновление обновления обновлении страница страницы странице товар товары товаров цена цены цен ценами
работает работают перестал перестала не_работает появилась появляется выдаёт показывает пишет
настройки настройках настройку кэш кэша кэшем каталог каталога каталоге обмен обмена обменом выгрузка выгрузки выгрузке
лицензия лицензии лицензию ключ ключа ключом домен домена домене сервер сервера сервере хостинг хостинга
оплата оплаты оплату счёт счёта счета поддержка поддержки поддержку продление продления
корзина корзины корзине доставка доставки доставку клиент клиента клиенты покупатель покупателя
файл файла файлы журнал журнала журнале агент агента агенты карта карты карту индекс индекса индексе
фильтр фильтра фильтры фильтров статус статуса статусы статусов остатки остатков склад склада
битрикс битрикса 1с выгружается загружается зависает зависла останавливается остановился
переносим перенесли переезд переезда скорость медленно долго быстро вчера сегодня утром ночью
администратор администратора доступ доступа пароль пароля логин права прав группа группы
шаблон шаблона шаблоне компонент компонента компоненте письмо письма уведомление уведомления
почта почты форма формы поле поля свойство свойства раздел раздела разделе меню баннер баннера
версия версии версию php памяти лимит лимита таймаут таймаута запрос запроса запросы ответ ответа
`
  .trim()
  .split(/\s+/)
  .map((w) => w.replaceAll("_", " "));

/**
 * The long tail: names, product terms, hosts and typos a real desk's text is full of, as
 * pronounceable pseudo-words (deterministic), ranked after the vocabulary above.
 */
function longTail(count: number): string[] {
  const syllables = ["ка", "ро", "ми", "ста", "ле", "ну", "ве", "за", "по", "ри", "то", "ды", "шо", "лю", "пе", "гра", "бу", "со", "ти", "жа"];
  const words = new Set<string>();
  for (let i = 1; words.size < count; i++) {
    let x = Math.imul(i, 2_654_435_761) >>> 0;
    const length = 2 + (i % 3);
    let word = "";
    for (let k = 0; k < length; k++) {
      word += syllables[x % syllables.length];
      x = Math.floor(x / syllables.length) + k * 7;
    }
    words.add(word);
  }
  return [...words];
}

/** Two-word queries in forms the generated text mostly does not use verbatim (morphology does the matching). */
const QUERIES = [
  "кэша модулей",
  "ошибкой обмена",
  "выгрузкой цен",
  "лицензиями домена",
  "статусами заказов",
  "счетами оплаты",
  "обновлениям сайтов",
  "картой индекса",
  "фильтрами каталога",
  "шаблонами компонента",
  "агентами журнала",
  "остатками склада",
];

export async function runSearchBench() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log("\n== search ==\n  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL admin URL");
    return;
  }
  const targetMessages = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
  const ticketCount = Number(process.env.BENCH_SEARCH_TICKETS ?? Math.max(1000, Math.round(targetMessages / 10)));
  const seedBudgetSeconds = Number(process.env.BENCH_SEARCH_SEED_SECONDS ?? 540);
  const reuse = process.env.BENCH_SEARCH_REUSE === "1";
  const keep = reuse || process.env.BENCH_SEARCH_KEEP === "1";
  const name = keep ? (process.env.BENCH_SEARCH_DATABASE ?? "keydesk_bench_search") : `keydesk_bench_search_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (!reuse) {
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
  }
  const url = withDatabase(adminUrl, name);
  const handle = openPostgres(url, 10);
  try {
    useDatabase(handle);
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    let indexSeconds = 0;
    if (!reuse) {
      await migrateDatabase(handle, url);
      await seed(handle, ticketCount, 0);
      console.log(`  search bench: ${ticketCount} tickets seeded in ${elapsed().toFixed(0)} s; writing messages…`);

      // The GIN index is built once after the bulk insert (much faster than maintaining it row by row).
      await handle.exec(`drop index if exists ticket_messages_search_idx`);
      const vocabulary = `array[${[...VOCABULARY, ...longTail(4600)].map((w) => `'${w.replaceAll("'", "''")}'`).join(",")}]`;
      const batch = 100_000;
      let written = 0;
      while (written < targetMessages && elapsed() < seedBudgetSeconds) {
        const size = Math.min(batch, targetMessages - written);
        // Each message: 8 to 40 words; word rank ~ n·u^2.2 (a few words are very common, most are rare).
        await handle.exec(`
        with v as (select ${vocabulary} as w),
        t as (select row_number() over (order by id) as n, id, requester_id, assignee_id, created_at from tickets)
        insert into ticket_messages (ticket_id, author_id, from_staff, visibility, body, created_at)
        select t.id,
               case when g % 2 = 0 then coalesce(t.assignee_id, t.requester_id) else t.requester_id end,
               g % 2 = 0,
               case when g % 9 = 0 then 'internal' else 'public' end::message_visibility,
               (select string_agg(v.w[1 + floor(array_length(v.w, 1) * power(random(), 2.2))::int], ' ')
                  from v, generate_series(1, 8 + abs(hashint4(g::int)) % 33) k),
               t.created_at + (g % 50) * interval '20 minutes'
          from generate_series(${written + 1}, ${written + size}) g
          join t on t.n = 1 + (g % ${ticketCount})`);
        written += size;
        console.log(`  … ${written} messages (${elapsed().toFixed(0)} s)`);
      }
      const indexStarted = performance.now();
      await handle.exec(`set maintenance_work_mem = '256MB'; create index ticket_messages_search_idx on ticket_messages using gin (search_vector)`);
      await handle.exec(`vacuum analyze ticket_messages`);
      await handle.exec(`analyze tickets`);
      indexSeconds = (performance.now() - indexStarted) / 1000;
    }
    const seedSeconds = reuse ? 0 : elapsed();

    const [counts] = await handle.query<{ messages: string; tickets: string }>(
      `select (select count(*) from ticket_messages) as messages, (select count(*) from tickets) as tickets`,
    );
    const [engineerRow] = await handle.query<{ id: string }>(`select id from users where role = 'engineer' order by email limit 1`);
    const engineer = { id: engineerRow!.id, role: "engineer" as const, organisationId: null, isPrimaryContact: false };
    const customers = await handle.query<{ id: string; organisation_id: string }>(
      `select u.id, u.organisation_id from users u where u.role = 'customer' order by random() limit 50`,
    );
    const matches = await handle.query<{ q: string; n: string }>(
      `select q, (select count(*) from ticket_messages where search_vector @@ websearch_to_tsquery('russian', q)) as n from unnest($1::text[]) q`,
      [QUERIES],
    );
    const query = (i: number) => QUERIES[Math.abs(i) % QUERIES.length]!;

    const metrics = [
      await measure("desk ticket search, two Russian words (ranked, top 20, snippets)", 200, (i) => searchTickets({ kind: "staff" }, { q: query(i) })),
      await measure("  … with a status filter (solved)", 100, (i) => searchTickets({ kind: "staff" }, { q: query(i), status: "solved" })),
      await measure("desk search box (tickets + organisations + contacts + keys)", 100, (i) => deskSearch(engineer, { q: query(i) })),
      await measure("  … 'search all dates' (every match ranked, not only the newest)", 100, (i) => deskSearch(engineer, { q: query(i), all: "1" })),
      await measure("portal: a customer's own organisation", 200, (i) => {
        const c = customers[Math.abs(i) % customers.length]!;
        return portalSearch({ id: c.id, role: "customer", organisationId: c.organisation_id, isPrimaryContact: true }, { q: query(i) });
      }),
    ];
    const plan = await handle.query<{ "QUERY PLAN": string }>(
      `explain select ticket_id from ticket_messages where search_vector @@ websearch_to_tsquery('russian', $1)`,
      [QUERIES[0]],
    );

    console.log(`\n== search ==`);
    console.log(
      `  data: ${counts!.messages} messages on ${counts!.tickets} tickets; seeded in ${seedSeconds.toFixed(0)} s (GIN index built in ${indexSeconds.toFixed(0)} s)${Number(counts!.messages) < targetMessages ? ` — stopped at the ${seedBudgetSeconds} s budget before ${targetMessages}` : ""}`,
    );
    console.log(`  matching messages per query: ${matches.map((m) => `${m.q} ${m.n}`).join(", ")}`);
    console.log(
      `  plan: ${plan
        .map((r) => r["QUERY PLAN"].trim())
        .slice(0, 3)
        .join(" / ")}`,
    );
    console.table(metrics);
  } finally {
    useDatabase(null);
    await handle.close();
    if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
