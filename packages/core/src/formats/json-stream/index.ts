export * from "./json-record-stream.js";
