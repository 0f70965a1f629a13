#!/usr/bin/env node
// Calls Tidings from Node.js: Summarize (English seed, Spanish summary) and ExtractAttributions,
// then prints the summary sentences and who said what as JSON.
//
//   node examples/node/summarize.js [TARGET]   (default: $TIDINGS_TARGET, else localhost:50051)
"use strict";

const fs = require("fs");
const path = require("path");
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");

const ROOT = path.resolve(__dirname, "..", "..");
const PROTOS = path.join(ROOT, "protos");
const SEED = path.join(ROOT, "seeds", "assad_moscow.txt");
const target = process.argv[2] || process.env.TIDINGS_TARGET || "localhost:50051";

// The proto is loaded at run time: no generated code to keep in step with it.
const definition = protoLoader.loadSync("tidings/v1/tidings.proto", {
  includeDirs: [PROTOS],
  keepCase: true, // field names as in the proto (source_name, not sourceName)
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { Tidings } = grpc.loadPackageDefinition(definition).tidings.v1;
const client = new Tidings(target, grpc.credentials.createInsecure());

function call(method, request) {
  const deadline = new Date(Date.now() + 120 * 1000);
  return new Promise((resolve, reject) => {
    client[method](request, { deadline }, (err, response) => (err ? reject(err) : resolve(response)));
  });
}

async function main() {
  const text = fs.readFileSync(SEED, "utf8");
  const summary = await call("Summarize", { article: { text }, target_languages: ["es"] });
  const attributions = await call("ExtractAttributions", { text });
  const out = {
    target,
    source_language: summary.source_language,
    summaries: summary.summaries.map((s) => ({
      language: s.language,
      translator: s.translator,
      sentences: s.sentences.map((x) => x.text),
    })),
    attributions: attributions.attributions.map((a) => ({
      source_name: a.source_name ?? null,
      cue: a.cue ?? null,
      content: a.content,
    })),
  };
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

main()
  .catch((err) => {
    process.stderr.write(`tidings: ${err.code !== undefined ? `gRPC ${err.code} ` : ""}${err.message}\n`);
    process.exitCode = 1;
  })
  .finally(() => client.close());
