import { EVENT_NAME, KIND_NAMES, type MarkKind, type Picture } from './picture.js';

/**
 * The timeline as a Vega-Lite specification: plain JSON, so the picture is described here and
 * drawn by the renderer (render.ts) without a line of drawing code.
 *
 * Sizes are for Discord: it shows an embed image about 500 px wide on a desktop, half the
 * picture's width, so no text is below 28 px here (14 px there). The picture carries its own
 * solid light background, which reads the same in Discord's dark and light themes.
 */

export const WIDTH = 1000;
export const FONT_FAMILY = 'DejaVu Sans';

const TEXT = '#1f2328';
const MUTED = '#57606a';
export const BACKGROUND = '#ffffff';

/**
 * Each kind of record by colour AND shape (Okabe–Ito colours, told apart with colour-blindness
 * too); related events in grey.
 */
const KINDS: { kind: MarkKind; colour: string; shape: string }[] = [
  { kind: KIND_NAMES.reported, colour: '#0072b2', shape: 'circle' },
  { kind: KIND_NAMES.recalled, colour: '#d55e00', shape: 'square' },
  { kind: KIND_NAMES.photo, colour: '#009e73', shape: 'diamond' },
  { kind: KIND_NAMES.planned, colour: '#cc79a7', shape: 'triangle-up' },
  { kind: EVENT_NAME, colour: '#6e7781', shape: 'triangle-down' },
];

const ROW = 58;
const PAD_LEFT = 20;
const PAD_RIGHT = 30;
/** Room for the row labels left of the plot: the widest place and date label fits. */
const AXIS_WIDTH = 360;
const PLOT_WIDTH = WIDTH - PAD_LEFT - PAD_RIGHT - AXIS_WIDTH;
/** The time axis's labels under the plot. */
const AXIS_X_HEIGHT = 64;
const LEGEND_COLUMNS = 3;
const LEGEND_TITLE = 38;
const LEGEND_ROW = 42;
const EVENT_LANE = 'Related events';

const kindScale = (shown: Set<MarkKind>) => {
  const kinds = KINDS.filter((k) => shown.has(k.kind));
  return {
    domain: kinds.map((k) => k.kind),
    range: kinds.map((k) => k.colour),
    shapes: kinds.map((k) => k.shape),
  };
};

const YEAR = 365.25 * 86_400_000;

/** Years, or months on a short axis, stepped so that the labels never crowd each other. */
const axisX = (picture: Picture) => {
  const years = (picture.domain[1] - picture.domain[0]) / YEAR;
  const byMonth = years < 2.5;
  const count = byMonth ? years * 12 : years;
  const room = byMonth ? 4 : 6;
  return {
    title: null,
    // A utc scale formats its labels in UTC too.
    format: byMonth ? '%b %Y' : '%Y',
    tickCount: { interval: byMonth ? 'month' : 'year', step: Math.max(1, Math.ceil(count / room)) },
    labelFontSize: 28,
    labelColor: TEXT,
    labelFont: FONT_FAMILY,
    labelPadding: 8,
    gridColor: '#d8dee4',
    domainColor: MUTED,
    tickColor: MUTED,
  };
};

export function timelineSpec(picture: Picture): Record<string, unknown> {
  const counted = picture.granularity !== undefined;
  const { height, layers } = counted ? countedLayers(picture) : markLayers(picture);
  const kinds = new Set(
    counted ? picture.buckets.map((b) => b.kind) : [...picture.marks, ...picture.events].map((m) => m.kind),
  );
  const legendTop = height + AXIS_X_HEIGHT;
  const legendHeight = LEGEND_TITLE + Math.ceil(kinds.size / LEGEND_COLUMNS) * LEGEND_ROW;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: BACKGROUND,
    padding: { left: PAD_LEFT, right: PAD_RIGHT, top: 20, bottom: 24 },
    width: PLOT_WIDTH,
    height,
    title: {
      text: titleLines(picture.title),
      subtitle: [
        picture.subtitle,
        ...(counted ? [`Symbol size: meetings per ${picture.granularity}; the busiest are named`] : KEY),
      ],
      anchor: 'start',
      frame: 'bounds',
      font: FONT_FAMILY,
      fontSize: 34,
      fontWeight: 'bold',
      color: TEXT,
      subtitleFont: FONT_FAMILY,
      subtitleFontSize: 26,
      subtitleColor: MUTED,
      subtitlePadding: 10,
      subtitleLineHeight: 34,
      offset: 22,
      limit: WIDTH - PAD_LEFT - PAD_RIGHT,
    },
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      legend: {
        orient: 'none',
        legendX: -AXIS_WIDTH,
        legendY: legendTop,
        direction: 'horizontal',
        columns: LEGEND_COLUMNS,
        titleFontSize: 26,
        titleColor: TEXT,
        titleFont: FONT_FAMILY,
        titlePadding: 8,
        labelFontSize: 28,
        labelColor: TEXT,
        labelFont: FONT_FAMILY,
        labelLimit: 380,
        symbolSize: 420,
        symbolStrokeWidth: 3,
        columnPadding: 20,
        rowPadding: 12,
      },
    },
    layer: [...layers, footer(picture, legendTop + legendHeight + 24)],
  };
}

/** A title that names several filters goes on two lines rather than being cut. */
function titleLines(title: string): string[] {
  const lead = 'Netanyahu–Putin meetings';
  return title.length > 44 && title.startsWith(`${lead} `) ? [lead, title.slice(lead.length + 1)] : [title];
}

/** How to read the marks, under the title. */
const KEY = [
  'Filled: date stated · hollow or dashed: date inferred',
  'Bar: the month or year a date could fall in',
];

const WIDTH_OF_TEXT = WIDTH - PAD_LEFT - PAD_RIGHT;

/** The source articles, under the legend, from the picture's left edge. */
function footer(picture: Picture, top: number) {
  return {
    data: { values: [{ text: ['Sources:', ...picture.footer] }] },
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'top',
      x: -AXIS_WIDTH,
      y: top,
      fontSize: 24,
      lineHeight: 32,
      font: FONT_FAMILY,
      color: MUTED,
      limit: WIDTH_OF_TEXT,
    },
    encoding: { text: { field: 'text' } },
  };
}

const laneAxis = {
  labelFontSize: 28,
  labelColor: TEXT,
  labelFont: FONT_FAMILY,
  labelLimit: AXIS_WIDTH - 16,
  labelPadding: 14,
  minExtent: AXIS_WIDTH,
  maxExtent: AXIS_WIDTH,
  ticks: false,
  domain: false,
  grid: true,
  gridColor: '#eaeef2',
};

const kindEncoding = (scale: ReturnType<typeof kindScale>) => {
  const colour = {
    field: 'kind',
    type: 'nominal',
    title: 'Record',
    scale: { domain: scale.domain, range: scale.range },
  };
  return {
    color: colour,
    stroke: colour,
    shape: { ...colour, scale: { domain: scale.domain, range: scale.shapes } },
  };
};

interface Layers {
  height: number;
  layers: Record<string, unknown>[];
}

/** One row per meeting, labelled with its place and date, and a lane of related events. */
function markLayers(picture: Picture): Layers {
  const rows = [...picture.marks.map((m) => m.label), ...(picture.events.length ? [EVENT_LANE] : [])];
  const values = [
    ...picture.marks.map((m) => ({ ...m, lane: m.label })),
    ...picture.events.map((e) => ({ ...e, lane: EVENT_LANE })),
  ];
  const kinds = kindEncoding(kindScale(new Set(values.map((v) => v.kind))));
  const y = { field: 'lane', type: 'nominal', sort: rows, title: null, axis: laneAxis };
  // The layers share the time scale and axis; the first sets them.
  const x = (field: string) => ({
    field,
    type: 'temporal',
    scale: { type: 'utc', domain: picture.domain },
    axis: axisX(picture),
  });
  return {
    height: rows.length * ROW,
    layers: [
      {
        // A date known to its month or year: the span it could fall in, dashed when inferred.
        data: { values: values.filter((v) => v.span) },
        mark: { type: 'bar', height: 16, cornerRadius: 8, strokeWidth: 2.5 },
        encoding: {
          y,
          x: x('start'),
          x2: { field: 'end' },
          color: kinds.color,
          stroke: kinds.stroke,
          fillOpacity: { condition: { test: 'datum.inferred', value: 0.15 }, value: 0.45 },
          strokeDash: { condition: { test: 'datum.inferred', value: [8, 5] }, value: [1, 0] },
        },
      },
      {
        // The date itself, or the middle of its span: filled when stated, hollow when inferred.
        data: { values },
        mark: { type: 'point', size: 460, strokeWidth: 3.5, opacity: 1 },
        encoding: {
          y,
          x: { ...x('at'), scale: { type: 'utc' } },
          stroke: kinds.stroke,
          shape: kinds.shape,
          fill: { condition: { test: 'datum.inferred', value: BACKGROUND }, ...kinds.color },
        },
      },
    ],
  };
}

/** Too many meetings to draw one by one: a lane per kind, each period's count as a sized symbol. */
function countedLayers(picture: Picture): Layers {
  const scale = kindScale(new Set(picture.buckets.map((b) => b.kind)));
  const kinds = kindEncoding(scale);
  const values = picture.buckets.map((b) => ({ ...b, at: (b.start + b.end) / 2 }));
  const middle = (picture.domain[0] + picture.domain[1]) / 2;
  const densest = picture.densest.map((b, i) => ({
    at: (b.start + b.end) / 2,
    label: `${b.period}: ${b.count.toLocaleString('en-GB')}`,
    row: i * 32 + 4,
    // Labels right of the middle end at their line, so that none runs off the picture.
    right: (b.start + b.end) / 2 > middle,
  }));
  const x = {
    field: 'at',
    type: 'temporal',
    scale: { type: 'utc', domain: picture.domain },
    axis: axisX(picture),
  };
  const height = scale.domain.length * 96 + densest.length * 32;
  const lane = { field: 'kind', type: 'nominal', sort: scale.domain };
  const totals = scale.domain.map((kind) => ({
    kind,
    at: picture.domain[0],
    total: `${picture.buckets
      .filter((b) => b.kind === kind)
      .reduce((n, b) => n + b.count, 0)
      .toLocaleString('en-GB')} in all`,
  }));
  return {
    height,
    layers: [
      {
        // Each lane's total, above its start: symbol sizes compare periods, not lanes.
        data: { values: totals },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dy: -22, fontSize: 24, color: MUTED },
        encoding: { x: { ...x, scale: { type: 'utc' } }, y: lane, text: { field: 'total' } },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, opacity: 0.85, strokeWidth: 1 },
        encoding: {
          x,
          y: {
            ...lane,
            title: null,
            axis: laneAxis,
            // The busiest periods are named above the lanes.
            scale: { range: [densest.length * 32 + 16, height] },
          },
          ...kinds,
          size: {
            field: 'count',
            type: 'quantitative',
            scale: { range: [20, 900], zero: true },
            legend: null,
          },
        },
      },
      {
        data: { values: densest },
        mark: { type: 'rule', color: TEXT, strokeDash: [4, 4], strokeWidth: 1.5, opacity: 0.6 },
        encoding: { x: { ...x, scale: { type: 'utc' } } },
      },
      {
        data: { values: densest },
        mark: {
          type: 'text',
          align: { expr: "datum.right ? 'right' : 'left'" },
          dx: { expr: 'datum.right ? -6 : 6' },
          baseline: 'top',
          fontSize: 26,
          font: FONT_FAMILY,
          color: TEXT,
          fontWeight: 'bold',
        },
        encoding: {
          x: { ...x, scale: { type: 'utc' } },
          y: { field: 'row', type: 'quantitative', scale: null, axis: null },
          text: { field: 'label' },
        },
      },
    ],
  };
}
