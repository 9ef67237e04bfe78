/**
 * The benchmark's chart: wall time and HTTP requests of `up` against tenant size, one bar per client,
 * on logarithmic axes (the clients differ by orders of magnitude). Plain SVG, no dependency.
 */
export interface ChartSeries {
  label: string;
  color: string;
  /** One value per tenant size (undefined: not measured). */
  wallSeconds: Array<number | undefined>;
  requests: Array<number | undefined>;
}

const WIDTH = 460;
const HEIGHT = 300;
const MARGIN = { left: 60, right: 10, top: 40, bottom: 50 };

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

function panel(
  x0: number,
  title: string,
  sizes: string[],
  series: ChartSeries[],
  pick: (s: ChartSeries) => Array<number | undefined>,
  unit: string,
): string {
  const values = series.flatMap((s) => pick(s)).filter((v): v is number => v !== undefined && v > 0);
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.ceil(Math.log10(Math.max(...values)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v: number) => MARGIN.top + plotH - ((Math.log10(v) - lo) / Math.max(1, hi - lo)) * plotH;
  const parts: string[] = [
    `<g transform="translate(${x0},0)">`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let e = lo; e <= hi; e++) {
    const yy = y(10 ** e);
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${yy + 4}" text-anchor="end" font-size="11">${(10 ** e).toLocaleString("en-US")}${unit}</text>`,
    );
  }
  const groupW = plotW / sizes.length;
  const barW = (groupW * 0.8) / series.length;
  sizes.forEach((size, i) => {
    const gx = MARGIN.left + i * groupW + groupW * 0.1;
    parts.push(
      `<text x="${gx + groupW * 0.4}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="12">${escape(size)}</text>`,
    );
    series.forEach((s, k) => {
      const v = pick(s)[i];
      if (v === undefined || v <= 0) return;
      const top = y(v);
      parts.push(
        `<rect x="${gx + k * barW}" y="${top}" width="${barW - 2}" height="${MARGIN.top + plotH - top}" fill="${s.color}"><title>${escape(`${s.label}: ${v}${unit}`)}</title></rect>`,
      );
    });
  });
  parts.push("</g>");
  return parts.join("\n");
}

/** Legend entries are this wide and wrap onto as many rows as the two panels' width needs. */
const LEGEND_ENTRY_W = 182;
const LEGEND_ROW_H = 18;

export function chartSvg(sizes: string[], series: ChartSeries[]): string {
  const perRow = Math.floor((WIDTH * 2 - 10) / LEGEND_ENTRY_W);
  const rows = Math.ceil(series.length / perRow);
  const legend = series
    .map((s, k) => {
      const x = 10 + (k % perRow) * LEGEND_ENTRY_W;
      const y = HEIGHT + 5 + Math.floor(k / perRow) * LEGEND_ROW_H;
      return `<rect x="${x}" y="${y}" width="12" height="12" fill="${s.color}"/><text x="${x + 16}" y="${y + 11}" font-size="11">${escape(s.label)}</text>`;
    })
    .join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH * 2}" height="${HEIGHT + 12 + rows * LEGEND_ROW_H}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    panel(0, "pulumi up: wall time", sizes, series, (s) => s.wallSeconds, " s"),
    panel(WIDTH, "pulumi up: HTTP requests", sizes, series, (s) => s.requests, ""),
    legend,
    "</svg>",
    "",
  ].join("\n");
}
