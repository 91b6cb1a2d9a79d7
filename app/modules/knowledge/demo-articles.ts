/**
 * Demo knowledge base: the questions module vendors answer most often, in English and Russian
 * (each pair is one article in two languages). Pure data, seeded by demo.server.ts.
 */
export type DemoCategory = { slug: string; nameEn: string; nameRu: string };
export type DemoArticleText = { title: string; summary: string; body: string };
export type DemoArticle = {
  category: string;
  products: string[];
  visibility: "public" | "customers" | "staff";
  en: DemoArticleText;
  ru: DemoArticleText;
};

export const DEMO_CATEGORIES: DemoCategory[] = [
  { slug: "getting-started", nameEn: "Getting started", nameRu: "Начало работы" },
  { slug: "licences", nameEn: "Licences and support", nameRu: "Лицензии и поддержка" },
  { slug: "updates", nameEn: "Updates", nameRu: "Обновления" },
  { slug: "troubleshooting", nameEn: "Troubleshooting", nameRu: "Решение проблем" },
  { slug: "internal", nameEn: "For staff", nameRu: "Для сотрудников" },
];

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    category: "getting-started",
    products: [],
    visibility: "public",
    en: {
      title: "Installing a module on your site",
      summary: "Upload the archive, run the installer and enter your licence key: five minutes from download to a working module.",
      body: `1. Download the latest release from **Licences** in the portal (the archive for your licence).
2. Unpack it into the modules folder of your site (for 1C-Bitrix: \`/local/modules/\`).
3. Open the site's admin panel, find the module in the list of installed solutions and press **Install**.
4. Enter your licence key, for example \`KD-7F3QK-M2X9D-TP4VH-8RWNC-Q\`. Case, spaces and dashes do not matter.

The first activation on a production domain starts your year of updates and support.

## Requirements

- PHP 8.1 or newer with the \`curl\` and \`mbstring\` extensions;
- outgoing HTTPS connections to the licence server (port 443).`,
    },
    ru: {
      title: "Установка модуля на сайт",
      summary: "Загрузите архив, запустите установщик и введите лицензионный ключ — пять минут от скачивания до работающего модуля.",
      body: `1. Скачайте последний выпуск в разделе **Лицензии** личного кабинета.
2. Распакуйте архив в папку модулей сайта (для 1С-Битрикс — \`/local/modules/\`).
3. Откройте административную панель, найдите модуль в списке решений и нажмите **Установить**.
4. Введите лицензионный ключ, например \`KD-7F3QK-M2X9D-TP4VH-8RWNC-Q\`. Регистр, пробелы и дефисы не важны.

Первая активация на рабочем домене начинает год обновлений и технической поддержки.

## Требования

- PHP 8.1 или новее с расширениями \`curl\` и \`mbstring\`;
- исходящие HTTPS-соединения с сервером лицензий (порт 443).`,
    },
  },
  {
    category: "licences",
    products: [],
    visibility: "public",
    en: {
      title: "Activating a licence on a new domain",
      summary: "A key is bound to one production site. Development hosts such as localhost or staging.* never count.",
      body: `A licence key works on **one production domain**. The module activates itself the first time it runs on a public domain.

- Development hosts never count as activations: \`localhost\`, \`*.local\`, \`*.test\`, \`dev.*\`, \`staging.*\`.
- The domain is normalised: \`www.shop.ru\` and \`shop.ru\` are the same site.
- Your year of support starts at the **first production activation**, not at purchase.

If the module says *"Key already activated on another domain"*, see **Moving a licence to another host**.`,
    },
    ru: {
      title: "Активация лицензии на новом домене",
      summary: "Ключ привязывается к одному рабочему сайту. Тестовые адреса вроде localhost или staging.* не считаются.",
      body: `Лицензионный ключ работает на **одном рабочем домене**. Модуль активируется сам при первом запуске на публичном домене.

- Тестовые адреса не считаются активациями: \`localhost\`, \`*.local\`, \`*.test\`, \`dev.*\`, \`staging.*\`.
- Домен нормализуется: \`www.shop.ru\` и \`shop.ru\` — один сайт.
- Год поддержки начинается с **первой активации на рабочем домене**, а не с покупки.

Если модуль пишет «Ключ уже активирован на другом домене», прочитайте статью «Перенос лицензии на другой хостинг».`,
    },
  },
  {
    category: "licences",
    products: [],
    visibility: "public",
    en: {
      title: "Moving a licence to another host",
      summary: "Moved the shop to a new domain or server? Move the licence yourself in the portal, up to three times a year.",
      body: `Moving to a new server with the **same domain** needs nothing: the activation follows the domain.

When the **domain changes**:

1. Open **Licences** in the portal and choose the licence.
2. Press **Move to another host** and enter the new domain.
3. Clear the module cache on the new site (see *Clearing the cache after an update*).

You can move a licence yourself up to **3 times a year**. For more moves, write to support with the reason — for example, a rebranding.`,
    },
    ru: {
      title: "Перенос лицензии на другой хостинг",
      summary: "Переехали на новый домен или сервер? Перенесите лицензию сами в личном кабинете — до трёх раз в год.",
      body: `Переезд на новый сервер с **тем же доменом** ничего не требует: активация привязана к домену.

Если **меняется домен**:

1. Откройте **Лицензии** в личном кабинете и выберите лицензию.
2. Нажмите **Перенести на другой сайт** и введите новый домен.
3. Очистите кэш модуля на новом сайте (см. статью «Как очистить кэш после обновления»).

Сами вы можете переносить лицензию до **3 раз в год**. Если нужно больше, напишите в поддержку и укажите причину — например, смену бренда.`,
    },
  },
  {
    category: "updates",
    products: [],
    visibility: "public",
    en: {
      title: "Clearing the cache after an update",
      summary: "Old pages or settings after an update are almost always the module cache. Clear it in three steps.",
      body: `After installing an update the site may still show old templates, old prices or an old settings page. That is the **module cache**.

1. In the admin panel open **Settings → Performance → Clear cache**.
2. Tick *All cache*, including the **module cache** and the composite cache, and press **Clear**.
3. If you use OPcache, restart PHP-FPM or press *Reset OPcache* in the hosting panel.

Then reload the page with **Ctrl+F5** so the browser loads new scripts and styles.

If errors remain after clearing the cache, send us the error text and the module version from the admin panel.`,
    },
    ru: {
      title: "Как очистить кэш после обновления",
      summary: "Старые страницы или настройки после обновления — почти всегда кэш модуля. Очистите его в три шага.",
      body: `После установки обновления сайт может показывать старые шаблоны, старые цены или прежнюю страницу настроек. Это **кэш модуля**.

1. В административной панели откройте **Настройки → Производительность → Очистка кэша**.
2. Отметьте «Весь кэш», включая **кэш модулей** и композитный кэш, и нажмите **Очистить**.
3. Если используется OPcache, перезапустите PHP-FPM или нажмите «Сбросить OPcache» в панели хостинга.

Затем обновите страницу сочетанием **Ctrl+F5**, чтобы браузер загрузил новые скрипты и стили.

Если после того как вы очистили кэш модуля ошибки остались, пришлите текст ошибки и версию модуля из административной панели.`,
    },
  },
  {
    category: "licences",
    products: [],
    visibility: "public",
    en: {
      title: "Renewing support for another year",
      summary: "A renewal costs 50 % of the current list price and adds a year of updates and support. The module keeps working without it.",
      body: `**The module keeps working after support ends.** What stops is new updates and help from our engineers.

- A renewal adds **one year** of updates and support for **50 %** of the product's current price.
- Renewing **before** the end extends from the current end date — you lose nothing by renewing early.
- Renewing **after** the end starts the new year on the day of payment: you never pay for lapsed months.

Renew from **Licences** in the portal, or without signing in on the **Renew by key** page. Pay by card, or ask for an invoice for a bank transfer.`,
    },
    ru: {
      title: "Продление поддержки ещё на год",
      summary: "Продление стоит 50 % текущей цены и даёт год обновлений и поддержки. Модуль продолжает работать и без него.",
      body: `**Модуль продолжает работать после окончания поддержки.** Прекращаются только новые обновления и помощь наших инженеров.

- Продление добавляет **один год** обновлений и поддержки за **50 %** текущей цены продукта.
- Продление **до окончания** срока отсчитывается от текущей даты окончания — продлевать заранее не невыгодно.
- Продление **после окончания** начинает новый год со дня оплаты: за пропущенные месяцы вы не платите.

Продлить можно в разделе **Лицензии** личного кабинета или без входа на странице **Продление по ключу**. Оплата картой или по счёту для юридических лиц.`,
    },
  },
  {
    category: "troubleshooting",
    products: [],
    visibility: "public",
    en: {
      title: "\"Licence key is not valid\": common causes",
      summary: "A typo, a key of another product, or a site that cannot reach the licence server. How to tell which.",
      body: `The module checks the key with our licence server. The message tells you why it refused:

| message | cause | what to do |
|---|---|---|
| *Key has a typo* | the check character does not match | copy the key from the portal again |
| *Key is for another product* | the key belongs to a different module | use the key from that module's licence |
| *Licence server unreachable* | the site cannot open HTTPS connections | allow outgoing connections to port 443 |
| *Key already activated on another domain* | the licence is bound to an old domain | move the licence in the portal |

Letters O and 0, I and 1 are treated as the same, so a key read over the phone still works.`,
    },
    ru: {
      title: "«Лицензионный ключ недействителен»: частые причины",
      summary: "Опечатка, ключ другого продукта или сайт не может связаться с сервером лицензий. Как понять, что именно.",
      body: `Модуль проверяет ключ на нашем сервере лицензий. Сообщение объясняет причину отказа:

| сообщение | причина | что сделать |
|---|---|---|
| «В ключе опечатка» | не сходится контрольный символ | скопируйте ключ из личного кабинета ещё раз |
| «Ключ от другого продукта» | ключ принадлежит другому модулю | используйте ключ лицензии этого модуля |
| «Сервер лицензий недоступен» | сайт не может открыть HTTPS-соединение | разрешите исходящие соединения на порт 443 |
| «Ключ уже активирован на другом домене» | лицензия привязана к старому домену | перенесите лицензию в личном кабинете |

Буквы O и 0, I и 1 считаются одинаковыми, поэтому ключ, продиктованный по телефону, тоже подойдёт.`,
    },
  },
  {
    category: "troubleshooting",
    products: ["seo-booster"],
    visibility: "customers",
    en: {
      title: "SEO Booster: new products are missing from the sitemap",
      summary: "The sitemap is rebuilt by a scheduled task. If new products do not appear, check the agent and the catalogue filter.",
      body: `SEO Booster rebuilds \`sitemap.xml\` every night by a scheduled task (agent).

1. Check that agents run on cron, not on page hits: **Settings → Agents**, the task \`SeoBooster\\Sitemap::rebuild\` must have a recent *last run* time.
2. Check the catalogue filter in **SEO Booster → Sitemap**: products without a price or out of stock are excluded when *Only available products* is ticked.
3. Press **Rebuild now** and open \`/sitemap.xml\` — large catalogues use a sitemap index with several files.

Search engines read the sitemap on their own schedule; new pages may take a few days to appear in results.`,
    },
    ru: {
      title: "SEO Booster: новые товары не попадают в карту сайта",
      summary: "Карта сайта пересобирается по расписанию. Если новых товаров нет, проверьте агент и фильтр каталога.",
      body: `SEO Booster пересобирает \`sitemap.xml\` каждую ночь по расписанию (агентом).

1. Проверьте, что агенты выполняются на cron, а не на хитах: **Настройки → Агенты**, у задачи \`SeoBooster\\Sitemap::rebuild\` должно быть недавнее время последнего запуска.
2. Проверьте фильтр каталога в **SEO Booster → Карта сайта**: товары без цены или не в наличии исключаются, если отмечено «Только доступные товары».
3. Нажмите **Пересобрать сейчас** и откройте \`/sitemap.xml\` — для больших каталогов используется индекс из нескольких файлов.

Поисковые системы читают карту сайта по своему расписанию; новые страницы могут появиться в выдаче через несколько дней.`,
    },
  },
  {
    category: "getting-started",
    products: ["seo-booster"],
    visibility: "public",
    en: {
      title: "SEO Booster: keeping filter pages out of the index",
      summary: "Filter pages such as ?color=red waste the crawl budget. SEO Booster can add noindex and canonical tags to them.",
      body: `Catalogue filter pages (\`?color=red&size=42\`) create thousands of near-duplicate addresses.

In **SEO Booster → Indexing**:

- tick **noindex for filter pages** — the module adds \`<meta name="robots" content="noindex, follow">\`;
- tick **Canonical to the section** — every filter page points to its catalogue section;
- list filters that deserve their own landing pages (for example, a brand) under **Indexed filters**.

Clear the cache after changing these settings.`,
    },
    ru: {
      title: "SEO Booster: как убрать страницы фильтров из индекса",
      summary: "Страницы фильтров вида ?color=red расходуют краулинговый бюджет. SEO Booster добавит им noindex и canonical.",
      body: `Страницы фильтра каталога (\`?color=red&size=42\`) создают тысячи почти одинаковых адресов.

В разделе **SEO Booster → Индексация**:

- отметьте **noindex для страниц фильтров** — модуль добавит \`<meta name="robots" content="noindex, follow">\`;
- отметьте **Canonical на раздел** — каждая страница фильтра сошлётся на свой раздел каталога;
- фильтры, которым нужны собственные посадочные страницы (например, бренд), перечислите в **Индексируемые фильтры**.

После изменения настроек очистите кэш.`,
    },
  },
  {
    category: "troubleshooting",
    products: ["exchange-1c"],
    visibility: "customers",
    en: {
      title: "1C Exchange: the exchange stops at 50 % while uploading prices",
      summary: "Usually a PHP time limit or a too large exchange step. Reduce the step size and raise max_execution_time.",
      body: `When the exchange hangs at about half of the price upload, the web server usually ends a long request.

1. In **1C Exchange Connector → Settings** set **Step size** to 500 items (the default is 2 000).
2. Raise \`max_execution_time\` to 300 seconds and \`memory_limit\` to 512M for the exchange script.
3. In 1C:Enterprise open the exchange node and check *Upload in parts*.
4. Start the exchange again: it continues from the last finished step.

The exchange log (**Settings → Log**) shows the last step and the error returned to 1C.`,
    },
    ru: {
      title: "Обмен с 1С останавливается на 50 % при выгрузке цен",
      summary: "Обычно это ограничение времени PHP или слишком большой шаг обмена. Уменьшите шаг и увеличьте max_execution_time.",
      body: `Если обмен зависает примерно на половине выгрузки цен, обычно веб-сервер обрывает долгий запрос.

1. В **Коннектор обмена с 1С → Настройки** установите **Размер шага** 500 позиций (по умолчанию 2 000).
2. Увеличьте \`max_execution_time\` до 300 секунд и \`memory_limit\` до 512M для скрипта обмена.
3. В 1С:Предприятии откройте узел обмена и отметьте «Выгружать частями».
4. Запустите обмен снова: он продолжится с последнего завершённого шага.

Журнал обмена (**Настройки → Журнал**) показывает последний шаг и ошибку, переданную в 1С.`,
    },
  },
  {
    category: "getting-started",
    products: ["exchange-1c"],
    visibility: "public",
    en: {
      title: "1C Exchange: setting up the exchange with 1C:Enterprise",
      summary: "Create an exchange user, copy the exchange address into 1C and choose what goes in each direction.",
      body: `The connector exchanges goods, prices, stock and orders between the site and 1C:Enterprise.

1. Create a site user in the group **1C exchange** with a long password.
2. Copy the exchange address from **1C Exchange Connector → Settings**, for example \`https://shop.ru/bitrix/admin/1c_exchange.php\`.
3. In 1C open **Administration → Exchange with sites**, create a node, paste the address, the user and the password.
4. Choose the directions: goods and prices from 1C to the site, orders from the site to 1C, order statuses back.

An active 1C-Bitrix licence is required for the connector to receive updates.`,
    },
    ru: {
      title: "Коннектор 1С: настройка обмена с 1С:Предприятием",
      summary: "Создайте пользователя обмена, укажите адрес обмена в 1С и выберите, что передаётся в каждую сторону.",
      body: `Коннектор обменивается товарами, ценами, остатками и заказами между сайтом и 1С:Предприятием.

1. Создайте пользователя сайта в группе **Обмен с 1С** с длинным паролем.
2. Скопируйте адрес обмена из **Коннектор обмена с 1С → Настройки**, например \`https://shop.ru/bitrix/admin/1c_exchange.php\`.
3. В 1С откройте **Администрирование → Обмен с сайтами**, создайте узел, вставьте адрес, пользователя и пароль.
4. Выберите направления: товары и цены из 1С на сайт, заказы с сайта в 1С, статусы заказов обратно.

Для получения обновлений коннектора нужна действующая лицензия 1С-Битрикс.`,
    },
  },
  {
    category: "troubleshooting",
    products: ["cookie-notice"],
    visibility: "public",
    en: {
      title: "Cookie Notice: the banner does not appear",
      summary: "The banner is hidden for visitors who already answered, and on pages with a cached template. How to check.",
      body: `- The banner is shown **once**: after a visitor answers, it is hidden for a year. Open the site in a private window to see it again.
- If the site uses a composite or full-page cache, clear it after installing the module.
- Check that the template calls \`$APPLICATION->ShowHead()\` — the banner's script is added there.
- The banner follows the site language; the Russian translation ships since version 1.1.0.

Cookie Notice is free: bug reports are welcome, fixes ship in later releases.`,
    },
    ru: {
      title: "Cookie Notice: баннер не появляется",
      summary: "Баннер скрыт для посетителей, которые уже ответили, и на страницах с закэшированным шаблоном. Как проверить.",
      body: `- Баннер показывается **один раз**: после ответа посетителя он скрыт на год. Откройте сайт в приватном окне, чтобы увидеть его снова.
- Если на сайте включён композитный кэш или кэш страниц, очистите его после установки модуля.
- Проверьте, что шаблон вызывает \`$APPLICATION->ShowHead()\` — скрипт баннера подключается там.
- Баннер следует языку сайта; русский перевод есть начиная с версии 1.1.0.

Cookie Notice бесплатен: сообщения об ошибках принимаем, исправления выходят в следующих выпусках.`,
    },
  },
  {
    category: "licences",
    products: [],
    visibility: "public",
    en: {
      title: "Test and staging sites do not use up your licence",
      summary: "localhost, *.local, *.test, dev.* and staging.* never count as activations: test as much as you like.",
      body: `You can install the module on as many development copies as you need. These hosts never count as activations and never start the support year:

- \`localhost\` and IP addresses of private networks;
- any \`*.local\` or \`*.test\` domain;
- subdomains starting with \`dev.\` or \`staging.\`.

Everything works there as on production, including updates your licence is entitled to.`,
    },
    ru: {
      title: "Тестовые сайты не расходуют лицензию",
      summary: "localhost, *.local, *.test, dev.* и staging.* не считаются активациями: тестируйте сколько нужно.",
      body: `Модуль можно устанавливать на любое число копий для разработки. Эти адреса никогда не считаются активациями и не начинают год поддержки:

- \`localhost\` и IP-адреса частных сетей;
- любые домены \`*.local\` и \`*.test\`;
- поддомены, начинающиеся с \`dev.\` или \`staging.\`.

Там всё работает так же, как на рабочем сайте, включая обновления, положенные по лицензии.`,
    },
  },
  {
    category: "internal",
    products: [],
    visibility: "staff",
    en: {
      title: "Checking a licence flagged as source modified",
      summary: "Internal: how to verify that a customer restored the original code before clearing the flag.",
      body: `When a customer asks for a source check:

1. Ask for SSH or FTP access through the ticket's access details — never by email.
2. Compare the module folder with the release archive of the installed version (\`diff -r\`).
3. If only configuration files differ, clear the flag on the licence page and write the result as an internal note.
4. If the code still differs, answer publicly which files differ and keep the flag.`,
    },
    ru: {
      title: "Проверка лицензии с отметкой об изменённом коде",
      summary: "Для сотрудников: как убедиться, что клиент восстановил исходный код, прежде чем снять отметку.",
      body: `Когда клиент просит проверить код:

1. Запросите доступ по SSH или FTP через поля доступа в заявке — никогда не по почте.
2. Сравните папку модуля с архивом установленной версии (\`diff -r\`).
3. Если отличаются только файлы настроек, снимите отметку на странице лицензии и запишите результат внутренней заметкой.
4. Если код по-прежнему изменён, ответьте публично, какие файлы отличаются, и оставьте отметку.`,
    },
  },
];
