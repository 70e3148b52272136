import type { Graph } from './model.ts';

// Where each state and move of a machine goes in its diagram, by a small deterministic layout: states in columns by
// their distance (in moves) from the initial state, states no move reaches in a last column; within a column, each
// state near the states it comes from; a column taller than MAX_ROWS split into several. Moves are curves: forward
// ones left to right, backward ones round above or below the columns between, moves within a column beside it; a
// label that would cover another moves to the nearest free place. Text widths are estimated, so the same graph always
// gives the same picture. Pure, no DOM.

export interface NodeBox {
  state: string;
  column: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Commands that reach this state from many states, one line each ("← stop, from 6 states"). */
  notes: string[];
}

export interface EdgePath {
  from: string;
  to: string;
  kind: 'command' | 'automatic';
  label: string;
  /** SVG path data. */
  d: string;
  labelX: number;
  labelY: number;
}

export interface Layout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
  /** The start dot, left of the initial state. */
  start: { x: number; y: number };
}

export const CHAR_WIDTH = 7;
export const NOTE_CHAR_WIDTH = 6;
const PAD = 12;
/** Room for the number of runs at a node's right. */
const COUNT_WIDTH = 40;
const NODE_HEIGHT = 30;
const NOTE_HEIGHT = 14;
const ROW_GAP = 16;
const COLUMN_GAP = 90;
const MARGIN = 24;
const START_ROOM = 36;
export const MAX_ROWS = 10;

/** The states in columns: by distance from the initial state, each ordered near its predecessors, tall ones split. */
export function columnsOf(graph: Graph): string[][] {
  const next = new Map<string, string[]>();
  const previous = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    if (from === to) return;
    next.set(from, [...(next.get(from) ?? []), to]);
    previous.set(to, [...(previous.get(to) ?? []), from]);
  };
  for (const move of graph.moves) link(move.from, move.to);
  for (const fan of graph.fromMany) for (const from of fan.from) link(from, fan.to);
  const distance = new Map<string, number>([[graph.initial, 0]]);
  const queue = [graph.initial];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const to of next.get(state) ?? []) {
      if (distance.has(to)) continue;
      distance.set(to, (distance.get(state) ?? 0) + 1);
      queue.push(to);
    }
  }
  const deepest = Math.max(...distance.values());
  const unreachable = graph.states.filter((state) => !distance.has(state));
  const columns: string[][] = Array.from({ length: deepest + 1 }, (_, depth) => graph.states.filter((state) => distance.get(state) === depth));
  if (unreachable.length > 0) columns.push(unreachable);
  // Each state near where its predecessors sit (their mean relative row in the columns before), in declaration order otherwise.
  const place = new Map<string, number>();
  const ordered = columns.map((column, index) => {
    const centre = (state: string): number => {
      const known = (previous.get(state) ?? []).map((from) => place.get(from)).filter((at): at is number => at !== undefined);
      return known.length === 0 || index === 0 ? Number.POSITIVE_INFINITY : known.reduce((sum, at) => sum + at, 0) / known.length;
    };
    const sorted = column
      .map((state, declared) => ({ state, declared, centre: centre(state) }))
      .sort((a, b) => a.centre - b.centre || a.declared - b.declared)
      .map((entry) => entry.state);
    sorted.forEach((state, row) => {
      place.set(state, sorted.length === 1 ? 0.5 : row / (sorted.length - 1));
    });
    return sorted;
  });
  return ordered.flatMap((column) => {
    if (column.length <= MAX_ROWS) return [column];
    const parts = Math.ceil(column.length / MAX_ROWS);
    const cut = (part: number) => Math.round((part * column.length) / parts);
    return Array.from({ length: parts }, (_, part) => column.slice(cut(part), cut(part + 1)));
  });
}

/** The notes each state carries: the commands that reach it from many states. */
function notesOf(graph: Graph, state: string): string[] {
  return graph.fromMany
    .filter((fan) => fan.to === state)
    .map((fan) => (fan.command === state ? `← from ${fan.from.length} states` : `← ${fan.command}, from ${fan.from.length} states`));
}

export function layoutGraph(graph: Graph, label: (state: string) => string = (state) => state): Layout {
  const columns = columnsOf(graph);
  const columnOf = new Map(columns.flatMap((column, index) => column.map((state): [string, number] => [state, index])));
  const heightOf = (state: string) => NODE_HEIGHT + NOTE_HEIGHT * notesOf(graph, state).length;
  const columnHeight = (column: string[]) => column.reduce((sum, state) => sum + heightOf(state), 0) + ROW_GAP * Math.max(0, column.length - 1);
  const tallest = Math.max(...columns.map(columnHeight));
  // The gap after a column leaves room for the labels of the moves into the next one.
  const gapAfter = (index: number) =>
    Math.max(
      COLUMN_GAP,
      ...graph.moves.filter((move) => columnOf.get(move.from) === index && columnOf.get(move.to) === index + 1).map((move) => labelWidth(move.label) + 40),
    );
  const boxes = new Map<string, NodeBox>();
  let x = MARGIN + START_ROOM;
  columns.forEach((column, index) => {
    const width = Math.max(
      ...column.map((state) =>
        Math.max(
          PAD * 2 + CHAR_WIDTH * label(state).length + COUNT_WIDTH,
          PAD * 2 + Math.max(0, ...notesOf(graph, state).map((n) => n.length)) * NOTE_CHAR_WIDTH,
        ),
      ),
    );
    let y = MARGIN + (tallest - columnHeight(column)) / 2;
    for (const state of column) {
      boxes.set(state, { state, column: index, x, y, width, height: heightOf(state), notes: notesOf(graph, state) });
      y += heightOf(state) + ROW_GAP;
    }
    x += width + (index < columns.length - 1 ? gapAfter(index) : 0);
  });
  const curves = edgeCurves(graph, boxes, MARGIN + tallest / 2);
  // Curves that arch above the states push the whole picture down.
  const top = Math.min(MARGIN, ...curves.flatMap((curve) => [...curve.points.map((p) => p.y), curve.labelY - 10]));
  const shift = MARGIN - top;
  const nodes = graph.states
    .map((state) => boxes.get(state))
    .filter((box): box is NodeBox => box !== undefined)
    .map((box) => ({ ...box, y: n(box.y + shift) }));
  const edges = curves.map((curve): EdgePath => {
    const [p0, p1, p2, p3] = curve.points.map((p) => ({ x: n(p.x), y: n(p.y + shift) })) as [Point, Point, Point, Point];
    const d = `M${p0.x},${p0.y} C${p1.x},${p1.y} ${p2.x},${p2.y} ${p3.x},${p3.y}`;
    return {
      from: curve.move.from,
      to: curve.move.to,
      kind: curve.move.kind,
      label: curve.move.label,
      d,
      labelX: n(curve.labelX),
      labelY: n(curve.labelY + shift),
    };
  });
  const initial = nodes.find((node) => node.state === graph.initial);
  const lowest = Math.max(
    MARGIN + tallest + shift,
    ...edges.map((edge) => edge.labelY + 10),
    ...curves.flatMap((curve) => curve.points.map((p) => p.y + shift)),
  );
  const rightmost = Math.max(x, ...curves.flatMap((curve) => [...curve.points.map((p) => p.x), curve.labelX + labelWidth(curve.move.label) / 2]));
  return {
    width: Math.ceil(rightmost + MARGIN),
    height: Math.ceil(lowest + MARGIN),
    nodes,
    edges,
    start: { x: MARGIN + 6, y: initial ? initial.y + initial.height / 2 : MARGIN },
  };
}

export const labelWidth = (text: string) => text.length * NOTE_CHAR_WIDTH + 8;
const LABEL_HEIGHT = 16;

type Point = { x: number; y: number };
type Move = Graph['moves'][number];
interface Curve {
  move: Move;
  points: [Point, Point, Point, Point];
  labelX: number;
  labelY: number;
}

function edgeCurves(graph: Graph, boxes: Map<string, NodeBox>, middle: number): Curve[] {
  // Moves between the same two states in the same direction fan out around their common course.
  const key = (move: Move) => `${move.from}\u0000${move.to}`;
  const siblings = new Map<string, number>();
  for (const move of graph.moves) siblings.set(key(move), (siblings.get(key(move)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const placed: { x: number; y: number; width: number }[] = [];
  return graph.moves.flatMap((move): Curve[] => {
    const source = boxes.get(move.from);
    const target = boxes.get(move.to);
    if (!source || !target) return [];
    const index = seen.get(key(move)) ?? 0;
    seen.set(key(move), index + 1);
    const spread = (index - ((siblings.get(key(move)) ?? 1) - 1) / 2) * 26;
    const points = courseOf(source, target, spread, [...boxes.values()], middle);
    const [p0, p1, p2, p3] = points;
    // The label at the curve's middle, or as near it as the labels already placed allow.
    const width = labelWidth(move.label);
    const labelX = (p0.x + 3 * p1.x + 3 * p2.x + p3.x) / 8;
    const natural = (p0.y + 3 * p1.y + 3 * p2.y + p3.y) / 8;
    // The nearest free place, alternately above and below.
    const step = LABEL_HEIGHT + 1;
    const offsets = Array.from({ length: 2 * placed.length + 1 }, (_, k) => (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * step);
    const labelY = natural + (offsets.find((offset) => !clashWith(placed, labelX, natural + offset, width)) ?? 0);
    placed.push({ x: labelX, y: labelY, width });
    return [{ move, points, labelX, labelY }];
  });
}

function clashWith(placed: readonly { x: number; y: number; width: number }[], x: number, y: number, width: number) {
  return placed.find((other) => Math.abs(other.x - x) < (other.width + width) / 2 && Math.abs(other.y - y) < LABEL_HEIGHT + 1);
}

/**
 * A cubic curve's four points from one box to another: forward moves from the right side to the left side; moves
 * within a column beside it; backward moves out of the source's left side, round above or below the columns they span,
 * into the target's top or bottom, whichever side of its column is more open.
 */
function courseOf(source: NodeBox, target: NodeBox, spread: number, all: readonly NodeBox[], middle: number): [Point, Point, Point, Point] {
  const centre = (box: NodeBox) => box.y + box.height / 2;
  if (source === target) {
    const right = source.x + source.width;
    return [
      { x: right - 30, y: source.y },
      { x: right - 34, y: source.y - 34 },
      { x: right + 6, y: source.y - 34 },
      { x: right - 10, y: source.y },
    ];
  }
  if (target.column > source.column) {
    const from = { x: source.x + source.width, y: centre(source) };
    const to = { x: target.x, y: centre(target) };
    const pull = Math.max(30, (to.x - from.x) / 2);
    return [from, { x: from.x + pull, y: from.y + spread }, { x: to.x - pull, y: to.y + spread }, to];
  }
  if (target.column === source.column) {
    // Down the column's right side, up its left side, so the two ways between two states never share a course.
    const side = target.y > source.y ? 1 : -1;
    const edge = (box: NodeBox) => (side > 0 ? box.x + box.width : box.x);
    const from = { x: edge(source), y: centre(source) };
    const to = { x: edge(target), y: centre(target) };
    const bulge = side * (40 + Math.abs(from.y - to.y) / 6 + Math.abs(spread));
    return [from, { x: from.x + bulge, y: from.y }, { x: to.x + bulge, y: to.y }, to];
  }
  const spanned = all.filter((box) => box.column >= target.column && box.column <= source.column);
  const from = { x: source.x, y: centre(source) };
  const reach = 36 + (source.column - target.column) * 6 + Math.abs(spread);
  // Round the side where the target has fewer states above or below it in its column, so it is entered from open space.
  const column = all.filter((box) => box.column === target.column);
  const over = column.filter((box) => box.y < target.y).length;
  const under = column.filter((box) => box.y > target.y).length;
  if (over < under || (over === under && centre(source) < middle)) {
    const above = Math.min(...spanned.map((box) => box.y)) - reach;
    return [from, { x: from.x - 40, y: above }, { x: target.x + target.width / 2, y: above }, { x: target.x + target.width / 2, y: target.y }];
  }
  const below = Math.max(...spanned.map((box) => box.y + box.height)) + reach;
  const to = { x: target.x + target.width / 2, y: target.y + target.height };
  return [from, { x: from.x - 40, y: below }, { x: to.x, y: below }, to];
}

const n = (value: number) => Math.round(value * 10) / 10;
