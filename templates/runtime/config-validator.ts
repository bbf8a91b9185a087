// Precompiled from config-schema.ts by `npm run build:config-validator`. Do not edit.
// @ts-nocheck: Ajv standalone code.
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
export const validateConfig = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"environment":{"type":"object","additionalProperties":false,"properties":{"name":{"type":"string","minLength":1},"description":{"type":"string"}}},"server":{"type":"object","additionalProperties":false,"properties":{"host":{"type":"string","minLength":1},"port":{"type":"integer","minimum":0,"maximum":65535},"body_limit_bytes":{"type":"integer","minimum":1},"max_error_details":{"type":"integer","minimum":1},"trusted_proxies":{"type":"array","items":{"type":"string","minLength":1}},"tls":{"type":["object","null"],"additionalProperties":false,"required":["cert_file","key_file"],"properties":{"cert_file":{"type":"string","minLength":1},"key_file":{"type":"string","minLength":1}}},"require_https":{"type":"boolean"},"hsts_max_age_seconds":{"type":"integer","minimum":0},"headers_timeout_seconds":{"type":"number","exclusiveMinimum":0},"request_timeout_seconds":{"type":"number","exclusiveMinimum":0},"keep_alive_timeout_seconds":{"type":"number","exclusiveMinimum":0},"shutdown_timeout_seconds":{"type":"number","minimum":0},"max_json_depth":{"type":"integer","minimum":1},"multipart":{"type":"object","additionalProperties":false,"properties":{"max_file_bytes":{"type":"integer","minimum":1},"max_field_bytes":{"type":"integer","minimum":1},"max_files":{"type":"integer","minimum":0},"max_fields":{"type":"integer","minimum":0},"max_parts":{"type":"integer","minimum":1}}}}},"api_validator":{"type":"object","additionalProperties":false,"properties":{"enable_validation":{"type":"boolean"},"enable_idempotency":{"type":"boolean"},"enable_rate_limiting":{"type":"boolean"},"max_validation_time_ms":{"type":"number","exclusiveMinimum":0},"spec_cache_ttl_minutes":{"type":"integer","minimum":0}}},"redis":{"type":["object","null"],"additionalProperties":false,"properties":{"url":{"type":["string","null"],"minLength":1},"host":{"type":["string","null"],"minLength":1},"port":{"type":"integer","minimum":1,"maximum":65535},"db":{"type":"integer","minimum":0,"maximum":15},"password":{"type":["string","null"]},"max_connections":{"type":"integer","minimum":1},"socket_timeout_seconds":{"type":"number","exclusiveMinimum":0},"command_timeout_ms":{"type":"integer","minimum":1},"retry_on_timeout":{"type":"boolean"},"key_prefix":{"type":"string","pattern":"^[A-Za-z0-9:_.-]{1,64}$"},"cluster_nodes":{"type":"array","items":{"type":"string","pattern":"^[^\\s:]+:[0-9]{1,5}$"}}}},"idempotency":{"type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"window_hours":{"type":"number","exclusiveMinimum":0},"hash_algorithm":{"enum":["sha256"]},"lease_seconds":{"type":"number","exclusiveMinimum":0},"key_format":{"enum":["printable","uuid-v4"]},"max_response_bytes":{"type":"integer","minimum":1},"failure_mode":{"enum":["open","closed"]}}},"rate_limiting":{"type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"default_limit":{"type":"integer","minimum":1},"default_window_seconds":{"type":"number","exclusiveMinimum":0},"endpoints":{"type":"object","additionalProperties":{"type":"object","additionalProperties":false,"required":["limit","window_seconds"],"properties":{"limit":{"type":"integer","minimum":1},"window_seconds":{"type":"number","exclusiveMinimum":0}}}},"ipv6_prefix_length":{"type":"integer","minimum":1,"maximum":128},"failure_mode":{"enum":["open","closed"]}}},"validation":{"type":"object","additionalProperties":false,"properties":{"validate_requests":{"type":"boolean"},"validate_responses":{"type":"boolean"},"response_validation":{"enum":["enforce","log","off"]},"fail_on_unknown_fields":{"type":"boolean"},"read_only_properties":{"enum":["reject","strip"]},"coerce_types":{"type":"boolean"},"pattern_max_length":{"type":"integer","minimum":1}}},"logging":{"type":"object","additionalProperties":false,"properties":{"level":{"enum":["TRACE","DEBUG","INFO","WARNING","WARN","ERROR","FATAL","SILENT","trace","debug","info","warn","warning","error","fatal","silent"]},"format":{"enum":["json"]},"output_path":{"type":["string","null"]},"log_validation_errors":{"type":"boolean"},"log_rate_limit_hits":{"type":"boolean"}}},"monitoring":{"type":"object","additionalProperties":false,"properties":{"collect_metrics":{"type":"boolean"},"metric_names":{"type":"array","items":{"type":"string"}},"metrics_port":{"type":["integer","null"],"minimum":0,"maximum":65535},"alerts":{"type":"object","additionalProperties":false,"properties":{"validation_latency_ms":{"type":"number","exclusiveMinimum":0},"validation_error_rate_per_second":{"type":"number","exclusiveMinimum":0},"redis_memory_bytes":{"type":"integer","minimum":1}}}}}}};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern4 = new RegExp("^[A-Za-z0-9:_.-]{1,64}$", "u");
const pattern5 = new RegExp("^[^\\s:]+:[0-9]{1,5}$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0}};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.environment !== undefined){
let data0 = data.environment;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!((key1 === "name") || (key1 === "description"))){
const err1 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1}};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data0.name !== undefined){
let data1 = data0.name;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err2 = {instancePath:instancePath+"/environment/name",schemaPath:"#/properties/environment/properties/name/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/environment/name",schemaPath:"#/properties/environment/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.description !== undefined){
if(typeof data0.description !== "string"){
const err4 = {instancePath:instancePath+"/environment/description",schemaPath:"#/properties/environment/properties/description/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.server !== undefined){
let data3 = data.server;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key2 in data3){
if(!(func1.call(schema31.properties.server.properties, key2))){
const err6 = {instancePath:instancePath+"/server",schemaPath:"#/properties/server/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2}};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data3.host !== undefined){
let data4 = data3.host;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err7 = {instancePath:instancePath+"/server/host",schemaPath:"#/properties/server/properties/host/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/server/host",schemaPath:"#/properties/server/properties/host/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data3.port !== undefined){
let data5 = data3.port;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err9 = {instancePath:instancePath+"/server/port",schemaPath:"#/properties/server/properties/port/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 65535 || isNaN(data5)){
const err10 = {instancePath:instancePath+"/server/port",schemaPath:"#/properties/server/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535}};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data5 < 0 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/server/port",schemaPath:"#/properties/server/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data3.body_limit_bytes !== undefined){
let data6 = data3.body_limit_bytes;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err12 = {instancePath:instancePath+"/server/body_limit_bytes",schemaPath:"#/properties/server/properties/body_limit_bytes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 1 || isNaN(data6)){
const err13 = {instancePath:instancePath+"/server/body_limit_bytes",schemaPath:"#/properties/server/properties/body_limit_bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data3.max_error_details !== undefined){
let data7 = data3.max_error_details;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err14 = {instancePath:instancePath+"/server/max_error_details",schemaPath:"#/properties/server/properties/max_error_details/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 1 || isNaN(data7)){
const err15 = {instancePath:instancePath+"/server/max_error_details",schemaPath:"#/properties/server/properties/max_error_details/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
if(data3.trusted_proxies !== undefined){
let data8 = data3.trusted_proxies;
if(Array.isArray(data8)){
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err16 = {instancePath:instancePath+"/server/trusted_proxies/" + i0,schemaPath:"#/properties/server/properties/trusted_proxies/items/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/server/trusted_proxies/" + i0,schemaPath:"#/properties/server/properties/trusted_proxies/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/server/trusted_proxies",schemaPath:"#/properties/server/properties/trusted_proxies/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.tls !== undefined){
let data10 = data3.tls;
if((!(data10 && typeof data10 == "object" && !Array.isArray(data10))) && (data10 !== null)){
const err19 = {instancePath:instancePath+"/server/tls",schemaPath:"#/properties/server/properties/tls/type",keyword:"type",params:{type: schema31.properties.server.properties.tls.type}};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.cert_file === undefined){
const err20 = {instancePath:instancePath+"/server/tls",schemaPath:"#/properties/server/properties/tls/required",keyword:"required",params:{missingProperty: "cert_file"}};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data10.key_file === undefined){
const err21 = {instancePath:instancePath+"/server/tls",schemaPath:"#/properties/server/properties/tls/required",keyword:"required",params:{missingProperty: "key_file"}};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key3 in data10){
if(!((key3 === "cert_file") || (key3 === "key_file"))){
const err22 = {instancePath:instancePath+"/server/tls",schemaPath:"#/properties/server/properties/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3}};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data10.cert_file !== undefined){
let data11 = data10.cert_file;
if(typeof data11 === "string"){
if(func2(data11) < 1){
const err23 = {instancePath:instancePath+"/server/tls/cert_file",schemaPath:"#/properties/server/properties/tls/properties/cert_file/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/server/tls/cert_file",schemaPath:"#/properties/server/properties/tls/properties/cert_file/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data10.key_file !== undefined){
let data12 = data10.key_file;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err25 = {instancePath:instancePath+"/server/tls/key_file",schemaPath:"#/properties/server/properties/tls/properties/key_file/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/server/tls/key_file",schemaPath:"#/properties/server/properties/tls/properties/key_file/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
}
if(data3.require_https !== undefined){
if(typeof data3.require_https !== "boolean"){
const err27 = {instancePath:instancePath+"/server/require_https",schemaPath:"#/properties/server/properties/require_https/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data3.hsts_max_age_seconds !== undefined){
let data14 = data3.hsts_max_age_seconds;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err28 = {instancePath:instancePath+"/server/hsts_max_age_seconds",schemaPath:"#/properties/server/properties/hsts_max_age_seconds/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err29 = {instancePath:instancePath+"/server/hsts_max_age_seconds",schemaPath:"#/properties/server/properties/hsts_max_age_seconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
if(data3.headers_timeout_seconds !== undefined){
let data15 = data3.headers_timeout_seconds;
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 <= 0 || isNaN(data15)){
const err30 = {instancePath:instancePath+"/server/headers_timeout_seconds",schemaPath:"#/properties/server/properties/headers_timeout_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/server/headers_timeout_seconds",schemaPath:"#/properties/server/properties/headers_timeout_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data3.request_timeout_seconds !== undefined){
let data16 = data3.request_timeout_seconds;
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 <= 0 || isNaN(data16)){
const err32 = {instancePath:instancePath+"/server/request_timeout_seconds",schemaPath:"#/properties/server/properties/request_timeout_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/server/request_timeout_seconds",schemaPath:"#/properties/server/properties/request_timeout_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data3.keep_alive_timeout_seconds !== undefined){
let data17 = data3.keep_alive_timeout_seconds;
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 <= 0 || isNaN(data17)){
const err34 = {instancePath:instancePath+"/server/keep_alive_timeout_seconds",schemaPath:"#/properties/server/properties/keep_alive_timeout_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/server/keep_alive_timeout_seconds",schemaPath:"#/properties/server/properties/keep_alive_timeout_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data3.shutdown_timeout_seconds !== undefined){
let data18 = data3.shutdown_timeout_seconds;
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
const err36 = {instancePath:instancePath+"/server/shutdown_timeout_seconds",schemaPath:"#/properties/server/properties/shutdown_timeout_seconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/server/shutdown_timeout_seconds",schemaPath:"#/properties/server/properties/shutdown_timeout_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data3.max_json_depth !== undefined){
let data19 = data3.max_json_depth;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err38 = {instancePath:instancePath+"/server/max_json_depth",schemaPath:"#/properties/server/properties/max_json_depth/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 < 1 || isNaN(data19)){
const err39 = {instancePath:instancePath+"/server/max_json_depth",schemaPath:"#/properties/server/properties/max_json_depth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
if(data3.multipart !== undefined){
let data20 = data3.multipart;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key4 in data20){
if(!(((((key4 === "max_file_bytes") || (key4 === "max_field_bytes")) || (key4 === "max_files")) || (key4 === "max_fields")) || (key4 === "max_parts"))){
const err40 = {instancePath:instancePath+"/server/multipart",schemaPath:"#/properties/server/properties/multipart/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4}};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data20.max_file_bytes !== undefined){
let data21 = data20.max_file_bytes;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err41 = {instancePath:instancePath+"/server/multipart/max_file_bytes",schemaPath:"#/properties/server/properties/multipart/properties/max_file_bytes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 < 1 || isNaN(data21)){
const err42 = {instancePath:instancePath+"/server/multipart/max_file_bytes",schemaPath:"#/properties/server/properties/multipart/properties/max_file_bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
if(data20.max_field_bytes !== undefined){
let data22 = data20.max_field_bytes;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err43 = {instancePath:instancePath+"/server/multipart/max_field_bytes",schemaPath:"#/properties/server/properties/multipart/properties/max_field_bytes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 1 || isNaN(data22)){
const err44 = {instancePath:instancePath+"/server/multipart/max_field_bytes",schemaPath:"#/properties/server/properties/multipart/properties/max_field_bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
if(data20.max_files !== undefined){
let data23 = data20.max_files;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err45 = {instancePath:instancePath+"/server/multipart/max_files",schemaPath:"#/properties/server/properties/multipart/properties/max_files/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 < 0 || isNaN(data23)){
const err46 = {instancePath:instancePath+"/server/multipart/max_files",schemaPath:"#/properties/server/properties/multipart/properties/max_files/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
if(data20.max_fields !== undefined){
let data24 = data20.max_fields;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err47 = {instancePath:instancePath+"/server/multipart/max_fields",schemaPath:"#/properties/server/properties/multipart/properties/max_fields/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
const err48 = {instancePath:instancePath+"/server/multipart/max_fields",schemaPath:"#/properties/server/properties/multipart/properties/max_fields/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
if(data20.max_parts !== undefined){
let data25 = data20.max_parts;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err49 = {instancePath:instancePath+"/server/multipart/max_parts",schemaPath:"#/properties/server/properties/multipart/properties/max_parts/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 < 1 || isNaN(data25)){
const err50 = {instancePath:instancePath+"/server/multipart/max_parts",schemaPath:"#/properties/server/properties/multipart/properties/max_parts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
}
else {
const err51 = {instancePath:instancePath+"/server/multipart",schemaPath:"#/properties/server/properties/multipart/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/server",schemaPath:"#/properties/server/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.api_validator !== undefined){
let data26 = data.api_validator;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key5 in data26){
if(!(((((key5 === "enable_validation") || (key5 === "enable_idempotency")) || (key5 === "enable_rate_limiting")) || (key5 === "max_validation_time_ms")) || (key5 === "spec_cache_ttl_minutes"))){
const err53 = {instancePath:instancePath+"/api_validator",schemaPath:"#/properties/api_validator/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5}};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data26.enable_validation !== undefined){
if(typeof data26.enable_validation !== "boolean"){
const err54 = {instancePath:instancePath+"/api_validator/enable_validation",schemaPath:"#/properties/api_validator/properties/enable_validation/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data26.enable_idempotency !== undefined){
if(typeof data26.enable_idempotency !== "boolean"){
const err55 = {instancePath:instancePath+"/api_validator/enable_idempotency",schemaPath:"#/properties/api_validator/properties/enable_idempotency/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data26.enable_rate_limiting !== undefined){
if(typeof data26.enable_rate_limiting !== "boolean"){
const err56 = {instancePath:instancePath+"/api_validator/enable_rate_limiting",schemaPath:"#/properties/api_validator/properties/enable_rate_limiting/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data26.max_validation_time_ms !== undefined){
let data30 = data26.max_validation_time_ms;
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 <= 0 || isNaN(data30)){
const err57 = {instancePath:instancePath+"/api_validator/max_validation_time_ms",schemaPath:"#/properties/api_validator/properties/max_validation_time_ms/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/api_validator/max_validation_time_ms",schemaPath:"#/properties/api_validator/properties/max_validation_time_ms/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data26.spec_cache_ttl_minutes !== undefined){
let data31 = data26.spec_cache_ttl_minutes;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err59 = {instancePath:instancePath+"/api_validator/spec_cache_ttl_minutes",schemaPath:"#/properties/api_validator/properties/spec_cache_ttl_minutes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 0 || isNaN(data31)){
const err60 = {instancePath:instancePath+"/api_validator/spec_cache_ttl_minutes",schemaPath:"#/properties/api_validator/properties/spec_cache_ttl_minutes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
}
else {
const err61 = {instancePath:instancePath+"/api_validator",schemaPath:"#/properties/api_validator/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data.redis !== undefined){
let data32 = data.redis;
if((!(data32 && typeof data32 == "object" && !Array.isArray(data32))) && (data32 !== null)){
const err62 = {instancePath:instancePath+"/redis",schemaPath:"#/properties/redis/type",keyword:"type",params:{type: schema31.properties.redis.type}};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key6 in data32){
if(!(func1.call(schema31.properties.redis.properties, key6))){
const err63 = {instancePath:instancePath+"/redis",schemaPath:"#/properties/redis/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6}};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data32.url !== undefined){
let data33 = data32.url;
if((typeof data33 !== "string") && (data33 !== null)){
const err64 = {instancePath:instancePath+"/redis/url",schemaPath:"#/properties/redis/properties/url/type",keyword:"type",params:{type: schema31.properties.redis.properties.url.type}};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(typeof data33 === "string"){
if(func2(data33) < 1){
const err65 = {instancePath:instancePath+"/redis/url",schemaPath:"#/properties/redis/properties/url/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
if(data32.host !== undefined){
let data34 = data32.host;
if((typeof data34 !== "string") && (data34 !== null)){
const err66 = {instancePath:instancePath+"/redis/host",schemaPath:"#/properties/redis/properties/host/type",keyword:"type",params:{type: schema31.properties.redis.properties.host.type}};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(typeof data34 === "string"){
if(func2(data34) < 1){
const err67 = {instancePath:instancePath+"/redis/host",schemaPath:"#/properties/redis/properties/host/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
if(data32.port !== undefined){
let data35 = data32.port;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err68 = {instancePath:instancePath+"/redis/port",schemaPath:"#/properties/redis/properties/port/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 > 65535 || isNaN(data35)){
const err69 = {instancePath:instancePath+"/redis/port",schemaPath:"#/properties/redis/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535}};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
if(data35 < 1 || isNaN(data35)){
const err70 = {instancePath:instancePath+"/redis/port",schemaPath:"#/properties/redis/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
if(data32.db !== undefined){
let data36 = data32.db;
if(!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))){
const err71 = {instancePath:instancePath+"/redis/db",schemaPath:"#/properties/redis/properties/db/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 > 15 || isNaN(data36)){
const err72 = {instancePath:instancePath+"/redis/db",schemaPath:"#/properties/redis/properties/db/maximum",keyword:"maximum",params:{comparison: "<=", limit: 15}};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(data36 < 0 || isNaN(data36)){
const err73 = {instancePath:instancePath+"/redis/db",schemaPath:"#/properties/redis/properties/db/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
if(data32.password !== undefined){
let data37 = data32.password;
if((typeof data37 !== "string") && (data37 !== null)){
const err74 = {instancePath:instancePath+"/redis/password",schemaPath:"#/properties/redis/properties/password/type",keyword:"type",params:{type: schema31.properties.redis.properties.password.type}};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data32.max_connections !== undefined){
let data38 = data32.max_connections;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err75 = {instancePath:instancePath+"/redis/max_connections",schemaPath:"#/properties/redis/properties/max_connections/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
if(data38 < 1 || isNaN(data38)){
const err76 = {instancePath:instancePath+"/redis/max_connections",schemaPath:"#/properties/redis/properties/max_connections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
if(data32.socket_timeout_seconds !== undefined){
let data39 = data32.socket_timeout_seconds;
if((typeof data39 == "number") && (isFinite(data39))){
if(data39 <= 0 || isNaN(data39)){
const err77 = {instancePath:instancePath+"/redis/socket_timeout_seconds",schemaPath:"#/properties/redis/properties/socket_timeout_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
else {
const err78 = {instancePath:instancePath+"/redis/socket_timeout_seconds",schemaPath:"#/properties/redis/properties/socket_timeout_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data32.command_timeout_ms !== undefined){
let data40 = data32.command_timeout_ms;
if(!(((typeof data40 == "number") && (!(data40 % 1) && !isNaN(data40))) && (isFinite(data40)))){
const err79 = {instancePath:instancePath+"/redis/command_timeout_ms",schemaPath:"#/properties/redis/properties/command_timeout_ms/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if((typeof data40 == "number") && (isFinite(data40))){
if(data40 < 1 || isNaN(data40)){
const err80 = {instancePath:instancePath+"/redis/command_timeout_ms",schemaPath:"#/properties/redis/properties/command_timeout_ms/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
if(data32.retry_on_timeout !== undefined){
if(typeof data32.retry_on_timeout !== "boolean"){
const err81 = {instancePath:instancePath+"/redis/retry_on_timeout",schemaPath:"#/properties/redis/properties/retry_on_timeout/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data32.key_prefix !== undefined){
let data42 = data32.key_prefix;
if(typeof data42 === "string"){
if(!pattern4.test(data42)){
const err82 = {instancePath:instancePath+"/redis/key_prefix",schemaPath:"#/properties/redis/properties/key_prefix/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9:_.-]{1,64}$"}};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
else {
const err83 = {instancePath:instancePath+"/redis/key_prefix",schemaPath:"#/properties/redis/properties/key_prefix/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data32.cluster_nodes !== undefined){
let data43 = data32.cluster_nodes;
if(Array.isArray(data43)){
const len1 = data43.length;
for(let i1=0; i1<len1; i1++){
let data44 = data43[i1];
if(typeof data44 === "string"){
if(!pattern5.test(data44)){
const err84 = {instancePath:instancePath+"/redis/cluster_nodes/" + i1,schemaPath:"#/properties/redis/properties/cluster_nodes/items/pattern",keyword:"pattern",params:{pattern: "^[^\\s:]+:[0-9]{1,5}$"}};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
else {
const err85 = {instancePath:instancePath+"/redis/cluster_nodes/" + i1,schemaPath:"#/properties/redis/properties/cluster_nodes/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
else {
const err86 = {instancePath:instancePath+"/redis/cluster_nodes",schemaPath:"#/properties/redis/properties/cluster_nodes/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
}
if(data.idempotency !== undefined){
let data45 = data.idempotency;
if(data45 && typeof data45 == "object" && !Array.isArray(data45)){
for(const key7 in data45){
if(!(((((((key7 === "enabled") || (key7 === "window_hours")) || (key7 === "hash_algorithm")) || (key7 === "lease_seconds")) || (key7 === "key_format")) || (key7 === "max_response_bytes")) || (key7 === "failure_mode"))){
const err87 = {instancePath:instancePath+"/idempotency",schemaPath:"#/properties/idempotency/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7}};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data45.enabled !== undefined){
if(typeof data45.enabled !== "boolean"){
const err88 = {instancePath:instancePath+"/idempotency/enabled",schemaPath:"#/properties/idempotency/properties/enabled/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data45.window_hours !== undefined){
let data47 = data45.window_hours;
if((typeof data47 == "number") && (isFinite(data47))){
if(data47 <= 0 || isNaN(data47)){
const err89 = {instancePath:instancePath+"/idempotency/window_hours",schemaPath:"#/properties/idempotency/properties/window_hours/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
else {
const err90 = {instancePath:instancePath+"/idempotency/window_hours",schemaPath:"#/properties/idempotency/properties/window_hours/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data45.hash_algorithm !== undefined){
if(!(data45.hash_algorithm === "sha256")){
const err91 = {instancePath:instancePath+"/idempotency/hash_algorithm",schemaPath:"#/properties/idempotency/properties/hash_algorithm/enum",keyword:"enum",params:{allowedValues: schema31.properties.idempotency.properties.hash_algorithm.enum}};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data45.lease_seconds !== undefined){
let data49 = data45.lease_seconds;
if((typeof data49 == "number") && (isFinite(data49))){
if(data49 <= 0 || isNaN(data49)){
const err92 = {instancePath:instancePath+"/idempotency/lease_seconds",schemaPath:"#/properties/idempotency/properties/lease_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
else {
const err93 = {instancePath:instancePath+"/idempotency/lease_seconds",schemaPath:"#/properties/idempotency/properties/lease_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data45.key_format !== undefined){
let data50 = data45.key_format;
if(!((data50 === "printable") || (data50 === "uuid-v4"))){
const err94 = {instancePath:instancePath+"/idempotency/key_format",schemaPath:"#/properties/idempotency/properties/key_format/enum",keyword:"enum",params:{allowedValues: schema31.properties.idempotency.properties.key_format.enum}};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data45.max_response_bytes !== undefined){
let data51 = data45.max_response_bytes;
if(!(((typeof data51 == "number") && (!(data51 % 1) && !isNaN(data51))) && (isFinite(data51)))){
const err95 = {instancePath:instancePath+"/idempotency/max_response_bytes",schemaPath:"#/properties/idempotency/properties/max_response_bytes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if((typeof data51 == "number") && (isFinite(data51))){
if(data51 < 1 || isNaN(data51)){
const err96 = {instancePath:instancePath+"/idempotency/max_response_bytes",schemaPath:"#/properties/idempotency/properties/max_response_bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
if(data45.failure_mode !== undefined){
let data52 = data45.failure_mode;
if(!((data52 === "open") || (data52 === "closed"))){
const err97 = {instancePath:instancePath+"/idempotency/failure_mode",schemaPath:"#/properties/idempotency/properties/failure_mode/enum",keyword:"enum",params:{allowedValues: schema31.properties.idempotency.properties.failure_mode.enum}};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath:instancePath+"/idempotency",schemaPath:"#/properties/idempotency/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data.rate_limiting !== undefined){
let data53 = data.rate_limiting;
if(data53 && typeof data53 == "object" && !Array.isArray(data53)){
for(const key8 in data53){
if(!((((((key8 === "enabled") || (key8 === "default_limit")) || (key8 === "default_window_seconds")) || (key8 === "endpoints")) || (key8 === "ipv6_prefix_length")) || (key8 === "failure_mode"))){
const err99 = {instancePath:instancePath+"/rate_limiting",schemaPath:"#/properties/rate_limiting/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8}};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data53.enabled !== undefined){
if(typeof data53.enabled !== "boolean"){
const err100 = {instancePath:instancePath+"/rate_limiting/enabled",schemaPath:"#/properties/rate_limiting/properties/enabled/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data53.default_limit !== undefined){
let data55 = data53.default_limit;
if(!(((typeof data55 == "number") && (!(data55 % 1) && !isNaN(data55))) && (isFinite(data55)))){
const err101 = {instancePath:instancePath+"/rate_limiting/default_limit",schemaPath:"#/properties/rate_limiting/properties/default_limit/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if((typeof data55 == "number") && (isFinite(data55))){
if(data55 < 1 || isNaN(data55)){
const err102 = {instancePath:instancePath+"/rate_limiting/default_limit",schemaPath:"#/properties/rate_limiting/properties/default_limit/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
}
if(data53.default_window_seconds !== undefined){
let data56 = data53.default_window_seconds;
if((typeof data56 == "number") && (isFinite(data56))){
if(data56 <= 0 || isNaN(data56)){
const err103 = {instancePath:instancePath+"/rate_limiting/default_window_seconds",schemaPath:"#/properties/rate_limiting/properties/default_window_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
else {
const err104 = {instancePath:instancePath+"/rate_limiting/default_window_seconds",schemaPath:"#/properties/rate_limiting/properties/default_window_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
if(data53.endpoints !== undefined){
let data57 = data53.endpoints;
if(data57 && typeof data57 == "object" && !Array.isArray(data57)){
for(const key9 in data57){
let data58 = data57[key9];
if(data58 && typeof data58 == "object" && !Array.isArray(data58)){
if(data58.limit === undefined){
const err105 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/required",keyword:"required",params:{missingProperty: "limit"}};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(data58.window_seconds === undefined){
const err106 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/required",keyword:"required",params:{missingProperty: "window_seconds"}};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
for(const key10 in data58){
if(!((key10 === "limit") || (key10 === "window_seconds"))){
const err107 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10}};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data58.limit !== undefined){
let data59 = data58.limit;
if(!(((typeof data59 == "number") && (!(data59 % 1) && !isNaN(data59))) && (isFinite(data59)))){
const err108 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1")+"/limit",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/limit/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
if((typeof data59 == "number") && (isFinite(data59))){
if(data59 < 1 || isNaN(data59)){
const err109 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1")+"/limit",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/limit/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
}
if(data58.window_seconds !== undefined){
let data60 = data58.window_seconds;
if((typeof data60 == "number") && (isFinite(data60))){
if(data60 <= 0 || isNaN(data60)){
const err110 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1")+"/window_seconds",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/window_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
else {
const err111 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1")+"/window_seconds",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/window_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
}
else {
const err112 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
}
else {
const err113 = {instancePath:instancePath+"/rate_limiting/endpoints",schemaPath:"#/properties/rate_limiting/properties/endpoints/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data53.ipv6_prefix_length !== undefined){
let data61 = data53.ipv6_prefix_length;
if(!(((typeof data61 == "number") && (!(data61 % 1) && !isNaN(data61))) && (isFinite(data61)))){
const err114 = {instancePath:instancePath+"/rate_limiting/ipv6_prefix_length",schemaPath:"#/properties/rate_limiting/properties/ipv6_prefix_length/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if((typeof data61 == "number") && (isFinite(data61))){
if(data61 > 128 || isNaN(data61)){
const err115 = {instancePath:instancePath+"/rate_limiting/ipv6_prefix_length",schemaPath:"#/properties/rate_limiting/properties/ipv6_prefix_length/maximum",keyword:"maximum",params:{comparison: "<=", limit: 128}};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
if(data61 < 1 || isNaN(data61)){
const err116 = {instancePath:instancePath+"/rate_limiting/ipv6_prefix_length",schemaPath:"#/properties/rate_limiting/properties/ipv6_prefix_length/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
}
if(data53.failure_mode !== undefined){
let data62 = data53.failure_mode;
if(!((data62 === "open") || (data62 === "closed"))){
const err117 = {instancePath:instancePath+"/rate_limiting/failure_mode",schemaPath:"#/properties/rate_limiting/properties/failure_mode/enum",keyword:"enum",params:{allowedValues: schema31.properties.rate_limiting.properties.failure_mode.enum}};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
}
else {
const err118 = {instancePath:instancePath+"/rate_limiting",schemaPath:"#/properties/rate_limiting/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
if(data.validation !== undefined){
let data63 = data.validation;
if(data63 && typeof data63 == "object" && !Array.isArray(data63)){
for(const key11 in data63){
if(!(((((((key11 === "validate_requests") || (key11 === "validate_responses")) || (key11 === "response_validation")) || (key11 === "fail_on_unknown_fields")) || (key11 === "read_only_properties")) || (key11 === "coerce_types")) || (key11 === "pattern_max_length"))){
const err119 = {instancePath:instancePath+"/validation",schemaPath:"#/properties/validation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11}};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data63.validate_requests !== undefined){
if(typeof data63.validate_requests !== "boolean"){
const err120 = {instancePath:instancePath+"/validation/validate_requests",schemaPath:"#/properties/validation/properties/validate_requests/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
if(data63.validate_responses !== undefined){
if(typeof data63.validate_responses !== "boolean"){
const err121 = {instancePath:instancePath+"/validation/validate_responses",schemaPath:"#/properties/validation/properties/validate_responses/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data63.response_validation !== undefined){
let data66 = data63.response_validation;
if(!(((data66 === "enforce") || (data66 === "log")) || (data66 === "off"))){
const err122 = {instancePath:instancePath+"/validation/response_validation",schemaPath:"#/properties/validation/properties/response_validation/enum",keyword:"enum",params:{allowedValues: schema31.properties.validation.properties.response_validation.enum}};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
if(data63.fail_on_unknown_fields !== undefined){
if(typeof data63.fail_on_unknown_fields !== "boolean"){
const err123 = {instancePath:instancePath+"/validation/fail_on_unknown_fields",schemaPath:"#/properties/validation/properties/fail_on_unknown_fields/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
if(data63.read_only_properties !== undefined){
let data68 = data63.read_only_properties;
if(!((data68 === "reject") || (data68 === "strip"))){
const err124 = {instancePath:instancePath+"/validation/read_only_properties",schemaPath:"#/properties/validation/properties/read_only_properties/enum",keyword:"enum",params:{allowedValues: schema31.properties.validation.properties.read_only_properties.enum}};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
if(data63.coerce_types !== undefined){
if(typeof data63.coerce_types !== "boolean"){
const err125 = {instancePath:instancePath+"/validation/coerce_types",schemaPath:"#/properties/validation/properties/coerce_types/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
if(data63.pattern_max_length !== undefined){
let data70 = data63.pattern_max_length;
if(!(((typeof data70 == "number") && (!(data70 % 1) && !isNaN(data70))) && (isFinite(data70)))){
const err126 = {instancePath:instancePath+"/validation/pattern_max_length",schemaPath:"#/properties/validation/properties/pattern_max_length/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
if((typeof data70 == "number") && (isFinite(data70))){
if(data70 < 1 || isNaN(data70)){
const err127 = {instancePath:instancePath+"/validation/pattern_max_length",schemaPath:"#/properties/validation/properties/pattern_max_length/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
}
}
else {
const err128 = {instancePath:instancePath+"/validation",schemaPath:"#/properties/validation/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
if(data.logging !== undefined){
let data71 = data.logging;
if(data71 && typeof data71 == "object" && !Array.isArray(data71)){
for(const key12 in data71){
if(!(((((key12 === "level") || (key12 === "format")) || (key12 === "output_path")) || (key12 === "log_validation_errors")) || (key12 === "log_rate_limit_hits"))){
const err129 = {instancePath:instancePath+"/logging",schemaPath:"#/properties/logging/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12}};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
if(data71.level !== undefined){
let data72 = data71.level;
if(!((((((((((((((((data72 === "TRACE") || (data72 === "DEBUG")) || (data72 === "INFO")) || (data72 === "WARNING")) || (data72 === "WARN")) || (data72 === "ERROR")) || (data72 === "FATAL")) || (data72 === "SILENT")) || (data72 === "trace")) || (data72 === "debug")) || (data72 === "info")) || (data72 === "warn")) || (data72 === "warning")) || (data72 === "error")) || (data72 === "fatal")) || (data72 === "silent"))){
const err130 = {instancePath:instancePath+"/logging/level",schemaPath:"#/properties/logging/properties/level/enum",keyword:"enum",params:{allowedValues: schema31.properties.logging.properties.level.enum}};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
if(data71.format !== undefined){
if(!(data71.format === "json")){
const err131 = {instancePath:instancePath+"/logging/format",schemaPath:"#/properties/logging/properties/format/enum",keyword:"enum",params:{allowedValues: schema31.properties.logging.properties.format.enum}};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data71.output_path !== undefined){
let data74 = data71.output_path;
if((typeof data74 !== "string") && (data74 !== null)){
const err132 = {instancePath:instancePath+"/logging/output_path",schemaPath:"#/properties/logging/properties/output_path/type",keyword:"type",params:{type: schema31.properties.logging.properties.output_path.type}};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
if(data71.log_validation_errors !== undefined){
if(typeof data71.log_validation_errors !== "boolean"){
const err133 = {instancePath:instancePath+"/logging/log_validation_errors",schemaPath:"#/properties/logging/properties/log_validation_errors/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
if(data71.log_rate_limit_hits !== undefined){
if(typeof data71.log_rate_limit_hits !== "boolean"){
const err134 = {instancePath:instancePath+"/logging/log_rate_limit_hits",schemaPath:"#/properties/logging/properties/log_rate_limit_hits/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
}
else {
const err135 = {instancePath:instancePath+"/logging",schemaPath:"#/properties/logging/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
if(data.monitoring !== undefined){
let data77 = data.monitoring;
if(data77 && typeof data77 == "object" && !Array.isArray(data77)){
for(const key13 in data77){
if(!((((key13 === "collect_metrics") || (key13 === "metric_names")) || (key13 === "metrics_port")) || (key13 === "alerts"))){
const err136 = {instancePath:instancePath+"/monitoring",schemaPath:"#/properties/monitoring/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13}};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data77.collect_metrics !== undefined){
if(typeof data77.collect_metrics !== "boolean"){
const err137 = {instancePath:instancePath+"/monitoring/collect_metrics",schemaPath:"#/properties/monitoring/properties/collect_metrics/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
if(data77.metric_names !== undefined){
let data79 = data77.metric_names;
if(Array.isArray(data79)){
const len2 = data79.length;
for(let i2=0; i2<len2; i2++){
if(typeof data79[i2] !== "string"){
const err138 = {instancePath:instancePath+"/monitoring/metric_names/" + i2,schemaPath:"#/properties/monitoring/properties/metric_names/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
}
else {
const err139 = {instancePath:instancePath+"/monitoring/metric_names",schemaPath:"#/properties/monitoring/properties/metric_names/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
if(data77.metrics_port !== undefined){
let data81 = data77.metrics_port;
if((!(((typeof data81 == "number") && (!(data81 % 1) && !isNaN(data81))) && (isFinite(data81)))) && (data81 !== null)){
const err140 = {instancePath:instancePath+"/monitoring/metrics_port",schemaPath:"#/properties/monitoring/properties/metrics_port/type",keyword:"type",params:{type: schema31.properties.monitoring.properties.metrics_port.type}};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
if((typeof data81 == "number") && (isFinite(data81))){
if(data81 > 65535 || isNaN(data81)){
const err141 = {instancePath:instancePath+"/monitoring/metrics_port",schemaPath:"#/properties/monitoring/properties/metrics_port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535}};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
if(data81 < 0 || isNaN(data81)){
const err142 = {instancePath:instancePath+"/monitoring/metrics_port",schemaPath:"#/properties/monitoring/properties/metrics_port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
}
if(data77.alerts !== undefined){
let data82 = data77.alerts;
if(data82 && typeof data82 == "object" && !Array.isArray(data82)){
for(const key14 in data82){
if(!(((key14 === "validation_latency_ms") || (key14 === "validation_error_rate_per_second")) || (key14 === "redis_memory_bytes"))){
const err143 = {instancePath:instancePath+"/monitoring/alerts",schemaPath:"#/properties/monitoring/properties/alerts/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14}};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
if(data82.validation_latency_ms !== undefined){
let data83 = data82.validation_latency_ms;
if((typeof data83 == "number") && (isFinite(data83))){
if(data83 <= 0 || isNaN(data83)){
const err144 = {instancePath:instancePath+"/monitoring/alerts/validation_latency_ms",schemaPath:"#/properties/monitoring/properties/alerts/properties/validation_latency_ms/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
else {
const err145 = {instancePath:instancePath+"/monitoring/alerts/validation_latency_ms",schemaPath:"#/properties/monitoring/properties/alerts/properties/validation_latency_ms/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
if(data82.validation_error_rate_per_second !== undefined){
let data84 = data82.validation_error_rate_per_second;
if((typeof data84 == "number") && (isFinite(data84))){
if(data84 <= 0 || isNaN(data84)){
const err146 = {instancePath:instancePath+"/monitoring/alerts/validation_error_rate_per_second",schemaPath:"#/properties/monitoring/properties/alerts/properties/validation_error_rate_per_second/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
else {
const err147 = {instancePath:instancePath+"/monitoring/alerts/validation_error_rate_per_second",schemaPath:"#/properties/monitoring/properties/alerts/properties/validation_error_rate_per_second/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
if(data82.redis_memory_bytes !== undefined){
let data85 = data82.redis_memory_bytes;
if(!(((typeof data85 == "number") && (!(data85 % 1) && !isNaN(data85))) && (isFinite(data85)))){
const err148 = {instancePath:instancePath+"/monitoring/alerts/redis_memory_bytes",schemaPath:"#/properties/monitoring/properties/alerts/properties/redis_memory_bytes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
if((typeof data85 == "number") && (isFinite(data85))){
if(data85 < 1 || isNaN(data85)){
const err149 = {instancePath:instancePath+"/monitoring/alerts/redis_memory_bytes",schemaPath:"#/properties/monitoring/properties/alerts/properties/redis_memory_bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
}
}
else {
const err150 = {instancePath:instancePath+"/monitoring/alerts",schemaPath:"#/properties/monitoring/properties/alerts/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
}
else {
const err151 = {instancePath:instancePath+"/monitoring",schemaPath:"#/properties/monitoring/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
}
else {
const err152 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

