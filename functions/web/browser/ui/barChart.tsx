/**
 * A bar chart drawn by uPlot (canvas), used by the dashboard and performance pages. uPlot is loaded
 * with import() the first time a chart is drawn, so it is a chunk of its own (about 22 KB gzip) and
 * the page's figures and tables show without waiting for it (docs/INSIGHT.md says why uPlot).
 *
 * The canvas is a picture for sighted mouse users: it is aria-hidden, and every chart is given
 * with its data table (`caption`, one row per bar, each count a link to its cases), which is what
 * keyboard and screen-reader users use. Clicking a bar opens the same link as its table row.
 * Labels are drawn by the canvas in the reader's language (the page passes translated labels).
 */
import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';

export interface BarChartProps {
  /** One label per bar (already translated). */
  labels: string[];
  values: number[];
  /** What a value is (its axis name). */
  valueName: string;
  /** Called with the index of the bar clicked. */
  onSelectBar?: (index: number) => void;
  /** Values are rates 0–1, shown as percentages. */
  percent?: boolean;
  height?: number;
  /** Names the chart for tests and styling (`data-chart`). */
  name: string;
}

let uPlotModule: Promise<typeof uPlot> | undefined;
const loadUPlot = () => (uPlotModule ??= import('uplot').then((m) => m.default));

export function BarChart({ labels, values, valueName, onSelectBar, percent = false, height = 220, name }: BarChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const select = useRef(onSelectBar);
  select.current = onSelectBar;
  const key = JSON.stringify([labels, values, valueName, percent]);

  useEffect(() => {
    let chart: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void loadUPlot().then((UPlot) => {
      const element = host.current;
      if (cancelled || !element) return;
      const style = getComputedStyle(document.documentElement);
      const brand = style.getPropertyValue('--brand').trim() || '#1d4f91';
      const ink = style.getPropertyValue('--ink').trim() || '#1b1b1b';
      const font = `13px ${getComputedStyle(element).fontFamily || 'sans-serif'}`;
      const width = Math.max(280, element.clientWidth);
      // Many or long labels are turned so they do not overlap.
      const turn = labels.length > 6 || labels.some((l) => l.length > 10);
      const options: uPlot.Options = {
        width,
        height,
        legend: { show: false },
        cursor: { y: false, x: false, points: { show: false }, drag: { x: false, y: false } },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: {
          // x is the bar's index: bar i spans [i - 0.5, i + 0.5], so a click maps to a bar by position.
          x: { time: false, range: [-0.5, labels.length - 0.5] },
          y: { range: (_u, _min, max) => [0, percent ? 1 : Math.max(1, max * 1.1)] },
        },
        axes: [
          {
            stroke: ink,
            font,
            grid: { show: false },
            ticks: { show: false },
            splits: () => labels.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
            ...(turn ? { rotate: -40, size: 90 } : { size: 40 }),
          },
          {
            stroke: ink,
            font,
            size: 56,
            values: (_u, splits) => splits.map((v) => (percent ? `${Math.round(v * 100)}%` : Number.isInteger(v) ? String(v) : '')),
          },
        ],
        series: [{}, { label: valueName, fill: brand, stroke: brand, width: 0, points: { show: false }, paths: UPlot.paths.bars!({ size: [0.7, 64], align: 0 }) }],
      };
      chart = new UPlot(options, [labels.map((_, i) => i), values], element);
      const created = chart;
      created.over.addEventListener('click', (event) => {
        const box = created.over.getBoundingClientRect();
        const index = Math.round(created.posToVal(event.clientX - box.left, 'x'));
        if (index >= 0 && index < labels.length) select.current?.(index);
      });
      if (onSelectBar) created.over.classList.add('clickable');
      observer = new ResizeObserver(() => {
        const next = Math.max(280, element.clientWidth);
        if (next !== created.width) created.setSize({ width: next, height });
      });
      observer.observe(element);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [key, height]);

  return <div class="bar-chart" ref={host} aria-hidden="true" data-chart={name} />;
}
