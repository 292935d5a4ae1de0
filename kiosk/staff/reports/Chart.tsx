// One chart of the report, drawn by Chart.js (only the bar and doughnut parts are bundled). Still (no animation), so
// it prints as shown; in the page's own font, so Chinese labels use the fonts the page ships; described in words for
// screen readers (aria-label), since a canvas says nothing by itself.
import { useEffect, useRef } from 'preact/hooks';
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);
// Read at a desk and on paper: labels at the page's small text size, not Chart.js's 12 px.
Chart.defaults.font.size = 14;
Chart.defaults.color = '#24292f';

export interface Series { label: string; values: number[]; color: string }
interface Props {
  kind: 'bar' | 'horizontal' | 'doughnut' | 'stacked';
  labels: string[];
  series: Series[];
  /** What the chart shows, read out in place of the picture. */
  description: string;
  height?: number;
}

const PALETTE = ['#1f6feb', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#0a7b83', '#bc4c00', '#57606a'];
export const colorAt = (i: number) => PALETTE[i % PALETTE.length];

export function ReportChart({ kind, labels, series, description, height = 240 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const font = getComputedStyle(document.body).fontFamily;
    const doughnut = kind === 'doughnut';
    const stacked = kind === 'stacked';
    const chart = new Chart(canvas.current!, {
      type: doughnut ? 'doughnut' : 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label, data: s.values,
          backgroundColor: doughnut ? labels.map((_, i) => colorAt(i)) : s.color,
          borderWidth: doughnut ? 1 : 0,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: kind === 'horizontal' ? 'y' : 'x',
        font: { family: font },
        plugins: { legend: { display: doughnut || series.length > 1, position: 'bottom', labels: { font: { family: font } } } },
        ...(doughnut ? {} : {
          scales: {
            x: { stacked, ticks: { font: { family: font }, precision: 0 }, grid: { display: false } },
            y: { stacked, beginAtZero: true, ticks: { font: { family: font }, precision: 0 } },
          },
        }),
      },
    } as never);
    return () => chart.destroy();
  }, [kind, labels.join('\u0000'), JSON.stringify(series)]);
  return (
    <div class="report-chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}
