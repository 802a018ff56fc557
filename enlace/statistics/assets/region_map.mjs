// Builds the map of the region the statistics dashboard draws (GeoJSON, ECharts' registerMap)
// from the npm package world-atlas (Natural Earth 1:50m, TopoJSON) with topojson-client, so
// the page needs nothing from the internet. Run by `make assets`:
//   node enlace/statistics/assets/region_map.mjs node_modules/world-atlas/countries-50m.json \
//        enlace/core/data/countries.csv > enlace/static/vendor/world-atlas/americas.geo.json
// Keeps the countries of the Americas by the sub-region in enlace/core/data/countries.csv (the
// 11 member states, and the neighbours migrants come from or cross), names them by ISO 3166-1 alpha-2 (`properties.iso2`, what the dashboard's
// data uses) and rounds coordinates to 0.01 degree (about 1 km) and thins them to keep the file small.
import { readFileSync } from "node:fs";
import { feature } from "topojson-client";

const [topologyPath, countriesPath] = process.argv.slice(2);
const topology = JSON.parse(readFileSync(topologyPath, "utf8"));
const iso2ByNumeric = {};
const namesByIso2 = {};
const lines = readFileSync(countriesPath, "utf8").trim().split(/\r?\n/);
const header = lines[0].split(",");
for (const line of lines.slice(1)) {
  const cells = line.split(",");
  const row = Object.fromEntries(header.map((name, index) => [name, cells[index]]));
  iso2ByNumeric[row.numeric] = row.iso2;
  namesByIso2[row.iso2] = { es: row.name_es, en: row.name_en, subregion: row.subregion };
}

const round = (value) => Math.round(value * 100) / 100;
// Points closer than STEP degrees (about 4 km) to the last one kept are dropped, NORTH_STEP
// north of 40°N (Canada, Alaska, far from the routes): at the size the dashboard draws the
// region, nothing visible is lost.
const STEP = 0.04;
const NORTH_STEP = 0.2;
const roundRing = (ring) => {
  const out = [];
  for (const [x, y] of ring) {
    const point = [round(x), round(y)];
    const last = out[out.length - 1];
    const step = y > 40 ? NORTH_STEP : STEP;
    if (!last || Math.abs(last[0] - point[0]) + Math.abs(last[1] - point[1]) >= step) out.push(point);
  }
  const first = out[0];
  const end = [round(ring[ring.length - 1][0]), round(ring[ring.length - 1][1])];
  if (out.length > 1 && (out[out.length - 1][0] !== end[0] || out[out.length - 1][1] !== end[1])) out.push(end);
  if (first && (first[0] !== out[out.length - 1][0] || first[1] !== out[out.length - 1][1])) out.push(first);
  return out;
};
const area = (ring) => {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(sum / 2);
};
// Islands under 0.05 square degrees are left out of a country that has a bigger polygon (the
// Canadian Arctic alone would double the file); small island states keep theirs.
const MIN_ISLAND = 0.05;
const roundGeometry = (geometry) => {
  if (geometry.type === "Polygon") {
    return { type: "Polygon", coordinates: geometry.coordinates.map(roundRing).filter((r) => r.length >= 4) };
  }
  const largest = Math.max(...geometry.coordinates.map((polygon) => area(polygon[0])));
  return {
    type: "MultiPolygon",
    coordinates: geometry.coordinates
      .filter((polygon) => area(polygon[0]) >= Math.min(MIN_ISLAND, largest))
      .map((polygon) => polygon.map(roundRing).filter((r) => r.length >= 4))
      .filter((polygon) => polygon.length > 0),
  };
};
const AMERICAS = new Set(["central_america", "north_america", "caribbean", "south_america"]);

const world = feature(topology, topology.objects.countries);
const features = [];
for (const item of world.features) {
  const iso2 = iso2ByNumeric[item.id];
  if (!iso2 || !item.geometry || iso2 === "GL" || !AMERICAS.has(namesByIso2[iso2].subregion)) continue;
  features.push({
    type: "Feature",
    properties: { iso2, name: iso2, name_es: namesByIso2[iso2].es, name_en: namesByIso2[iso2].en },
    geometry: roundGeometry(item.geometry),
  });
}
features.sort((a, b) => a.properties.iso2.localeCompare(b.properties.iso2));
process.stdout.write(JSON.stringify({ type: "FeatureCollection", features }));
