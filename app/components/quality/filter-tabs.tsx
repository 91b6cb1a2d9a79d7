import { Link } from "@remix-run/react";

export type FilterTab = { value: string; label: string; count?: number };

/**
 * The row of filter links above a quality list (status, "open"/"all"): each is a plain link
 * setting one query parameter, the current one marked for screen readers.
 */
export function FilterTabs({ label, param, tabs, current }: { label: string; param: string; tabs: FilterTab[]; current: string }) {
  return (
    <nav aria-label={label}>
      <ul className="queue-counts">
        {tabs.map((tab) => (
          <li key={tab.value}>
            <Link to={`?${new URLSearchParams({ [param]: tab.value })}`} aria-current={tab.value === current ? "page" : undefined}>
              {tab.label}
              {tab.count === undefined ? null : (
                <>
                  {" "}
                  <span className="count">{tab.count}</span>
                </>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
