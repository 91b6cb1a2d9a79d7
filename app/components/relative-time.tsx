import { useEffect, useState } from "react";
import { useI18n, useRootData } from "~/components/i18n";
import { formatRelative } from "~/utils/i18n";

/**
 * "3 days ago" / "in 2 h 10 min" with the absolute time (the user's time zone) on hover and for
 * machines. The first render uses the server's clock from the root loader, so the server and the
 * browser draw the same text; then it follows the browser's clock each minute.
 */
export function RelativeTime({ value }: { value: Date | string | null | undefined }) {
  const { locale, dateTime } = useI18n();
  const serverNow = useRootData()?.now;
  const [now, setNow] = useState(() => (serverNow ? new Date(serverNow) : new Date()));
  useEffect(() => {
    setNow(new Date());
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!value) return <>—</>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <>—</>;
  return (
    <time dateTime={date.toISOString()} title={dateTime(date)}>
      {formatRelative(date, now, locale)}
    </time>
  );
}
