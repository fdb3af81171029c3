// The PHQ-9 trajectory as an inline SVG line chart (0-27, with the 10 = moderate line).
const NS = 'http://www.w3.org/2000/svg';

export function phq9Chart(points, { width = 360, height = 140 } = {}) {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `PHQ-9 trajectory: ${points.map(p => p.total).join(', ')}`);
  const pad = 24;
  const x = i => pad + (points.length <= 1 ? 0 : i * (width - 2 * pad) / (points.length - 1));
  const y = v => height - pad - v * (height - 2 * pad) / 27;
  const add = (name, attrs, text) => {
    const el = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    svg.appendChild(el);
    return el;
  };
  add('line', { x1: pad, x2: width - pad, y1: y(10), y2: y(10), stroke: '#e0b0a0', 'stroke-dasharray': '4 3' });
  add('text', { x: 2, y: y(10) + 3 }, '10');
  add('text', { x: 2, y: y(27) + 3 }, '27');
  add('text', { x: 6, y: y(0) + 3 }, '0');
  add('polyline', { points: points.map((p, i) => `${x(i)},${y(p.total)}`).join(' ') });
  points.forEach((p, i) => {
    add('circle', { cx: x(i), cy: y(p.total), r: 3 });
    add('text', { x: x(i) - 4, y: y(p.total) - 6 }, String(p.total));
  });
  return svg;
}
