// Precompiled from config-schema.ts by `npm run build:config-validator`. Do not edit.
// @ts-nocheck: Ajv standalone code.
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
export const validateConfig = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,"properties":{"environment":{"type":"object","additionalProperties":false,"properties":{"name":{"type":"string","minLength":1},"description":{"type":"string"}}},"server":{"type":"object","additionalProperties":false,"properties":{"host":{"type":"string","minLength":1},"port":{"type":"integer","minimum":0,"maximum":65535},"body_limit_bytes":{"type":"integer","minimum":1},"max_error_details":{"type":"integer","minimum":1},"trusted_proxies":{"type":"array","items":{"type":"string","minLength":1}}}},"api_validator":{"type":"object","additionalProperties":false,"properties":{"enable_validation":{"type":"boolean"},"enable_idempotency":{"type":"boolean"},"enable_rate_limiting":{"type":"boolean"},"max_validation_time_ms":{"type":"number","exclusiveMinimum":0},"spec_cache_ttl_minutes":{"type":"integer","minimum":0}}},"redis":{"type":["object","null"],"additionalProperties":false,"properties":{"url":{"type":["string","null"],"minLength":1},"host":{"type":["string","null"],"minLength":1},"port":{"type":"integer","minimum":1,"maximum":65535},"db":{"type":"integer","minimum":0,"maximum":15},"password":{"type":["string","null"]},"max_connections":{"type":"integer","minimum":1},"socket_timeout_seconds":{"type":"number","exclusiveMinimum":0},"command_timeout_ms":{"type":"integer","minimum":1},"retry_on_timeout":{"type":"boolean"},"key_prefix":{"type":"string","pattern":"^[A-Za-z0-9:_.-]{1,64}$"},"cluster_nodes":{"type":"array","items":{"type":"string","pattern":"^[^\\s:]+:[0-9]{1,5}$"}}}},"idempotency":{"type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"window_hours":{"type":"number","exclusiveMinimum":0},"hash_algorithm":{"enum":["sha256"]},"lease_seconds":{"type":"number","exclusiveMinimum":0},"key_format":{"enum":["printable","uuid-v4"]},"max_response_bytes":{"type":"integer","minimum":1},"failure_mode":{"enum":["open","closed"]}}},"rate_limiting":{"type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"default_limit":{"type":"integer","minimum":1},"default_window_seconds":{"type":"number","exclusiveMinimum":0},"endpoints":{"type":"object","additionalProperties":{"type":"object","additionalProperties":false,"required":["limit","window_seconds"],"properties":{"limit":{"type":"integer","minimum":1},"window_seconds":{"type":"number","exclusiveMinimum":0}}}},"ipv6_prefix_length":{"type":"integer","minimum":1,"maximum":128},"failure_mode":{"enum":["open","closed"]}}},"validation":{"type":"object","additionalProperties":false,"properties":{"validate_requests":{"type":"boolean"},"validate_responses":{"type":"boolean"},"response_validation":{"enum":["enforce","log","off"]},"fail_on_unknown_fields":{"type":"boolean"},"coerce_types":{"type":"boolean"}}},"logging":{"type":"object","additionalProperties":false,"properties":{"level":{"enum":["TRACE","DEBUG","INFO","WARNING","WARN","ERROR","FATAL","SILENT","trace","debug","info","warn","warning","error","fatal","silent"]},"format":{"enum":["json"]},"output_path":{"type":["string","null"]},"log_validation_errors":{"type":"boolean"},"log_rate_limit_hits":{"type":"boolean"}}},"monitoring":{"type":"object","additionalProperties":false,"properties":{"collect_metrics":{"type":"boolean"},"metric_names":{"type":"array","items":{"type":"string"}},"metrics_port":{"type":["integer","null"],"minimum":0,"maximum":65535}}}}};
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
if(!(((((key2 === "host") || (key2 === "port")) || (key2 === "body_limit_bytes")) || (key2 === "max_error_details")) || (key2 === "trusted_proxies"))){
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
}
else {
const err19 = {instancePath:instancePath+"/server",schemaPath:"#/properties/server/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.api_validator !== undefined){
let data10 = data.api_validator;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key3 in data10){
if(!(((((key3 === "enable_validation") || (key3 === "enable_idempotency")) || (key3 === "enable_rate_limiting")) || (key3 === "max_validation_time_ms")) || (key3 === "spec_cache_ttl_minutes"))){
const err20 = {instancePath:instancePath+"/api_validator",schemaPath:"#/properties/api_validator/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3}};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data10.enable_validation !== undefined){
if(typeof data10.enable_validation !== "boolean"){
const err21 = {instancePath:instancePath+"/api_validator/enable_validation",schemaPath:"#/properties/api_validator/properties/enable_validation/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data10.enable_idempotency !== undefined){
if(typeof data10.enable_idempotency !== "boolean"){
const err22 = {instancePath:instancePath+"/api_validator/enable_idempotency",schemaPath:"#/properties/api_validator/properties/enable_idempotency/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data10.enable_rate_limiting !== undefined){
if(typeof data10.enable_rate_limiting !== "boolean"){
const err23 = {instancePath:instancePath+"/api_validator/enable_rate_limiting",schemaPath:"#/properties/api_validator/properties/enable_rate_limiting/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data10.max_validation_time_ms !== undefined){
let data14 = data10.max_validation_time_ms;
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 <= 0 || isNaN(data14)){
const err24 = {instancePath:instancePath+"/api_validator/max_validation_time_ms",schemaPath:"#/properties/api_validator/properties/max_validation_time_ms/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/api_validator/max_validation_time_ms",schemaPath:"#/properties/api_validator/properties/max_validation_time_ms/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data10.spec_cache_ttl_minutes !== undefined){
let data15 = data10.spec_cache_ttl_minutes;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err26 = {instancePath:instancePath+"/api_validator/spec_cache_ttl_minutes",schemaPath:"#/properties/api_validator/properties/spec_cache_ttl_minutes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err27 = {instancePath:instancePath+"/api_validator/spec_cache_ttl_minutes",schemaPath:"#/properties/api_validator/properties/spec_cache_ttl_minutes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
}
else {
const err28 = {instancePath:instancePath+"/api_validator",schemaPath:"#/properties/api_validator/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.redis !== undefined){
let data16 = data.redis;
if((!(data16 && typeof data16 == "object" && !Array.isArray(data16))) && (data16 !== null)){
const err29 = {instancePath:instancePath+"/redis",schemaPath:"#/properties/redis/type",keyword:"type",params:{type: schema31.properties.redis.type}};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key4 in data16){
if(!(func1.call(schema31.properties.redis.properties, key4))){
const err30 = {instancePath:instancePath+"/redis",schemaPath:"#/properties/redis/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4}};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data16.url !== undefined){
let data17 = data16.url;
if((typeof data17 !== "string") && (data17 !== null)){
const err31 = {instancePath:instancePath+"/redis/url",schemaPath:"#/properties/redis/properties/url/type",keyword:"type",params:{type: schema31.properties.redis.properties.url.type}};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(typeof data17 === "string"){
if(func2(data17) < 1){
const err32 = {instancePath:instancePath+"/redis/url",schemaPath:"#/properties/redis/properties/url/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data16.host !== undefined){
let data18 = data16.host;
if((typeof data18 !== "string") && (data18 !== null)){
const err33 = {instancePath:instancePath+"/redis/host",schemaPath:"#/properties/redis/properties/host/type",keyword:"type",params:{type: schema31.properties.redis.properties.host.type}};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err34 = {instancePath:instancePath+"/redis/host",schemaPath:"#/properties/redis/properties/host/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
if(data16.port !== undefined){
let data19 = data16.port;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err35 = {instancePath:instancePath+"/redis/port",schemaPath:"#/properties/redis/properties/port/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 65535 || isNaN(data19)){
const err36 = {instancePath:instancePath+"/redis/port",schemaPath:"#/properties/redis/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535}};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data19 < 1 || isNaN(data19)){
const err37 = {instancePath:instancePath+"/redis/port",schemaPath:"#/properties/redis/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
if(data16.db !== undefined){
let data20 = data16.db;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err38 = {instancePath:instancePath+"/redis/db",schemaPath:"#/properties/redis/properties/db/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 > 15 || isNaN(data20)){
const err39 = {instancePath:instancePath+"/redis/db",schemaPath:"#/properties/redis/properties/db/maximum",keyword:"maximum",params:{comparison: "<=", limit: 15}};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(data20 < 0 || isNaN(data20)){
const err40 = {instancePath:instancePath+"/redis/db",schemaPath:"#/properties/redis/properties/db/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
if(data16.password !== undefined){
let data21 = data16.password;
if((typeof data21 !== "string") && (data21 !== null)){
const err41 = {instancePath:instancePath+"/redis/password",schemaPath:"#/properties/redis/properties/password/type",keyword:"type",params:{type: schema31.properties.redis.properties.password.type}};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data16.max_connections !== undefined){
let data22 = data16.max_connections;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err42 = {instancePath:instancePath+"/redis/max_connections",schemaPath:"#/properties/redis/properties/max_connections/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 1 || isNaN(data22)){
const err43 = {instancePath:instancePath+"/redis/max_connections",schemaPath:"#/properties/redis/properties/max_connections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
if(data16.socket_timeout_seconds !== undefined){
let data23 = data16.socket_timeout_seconds;
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 <= 0 || isNaN(data23)){
const err44 = {instancePath:instancePath+"/redis/socket_timeout_seconds",schemaPath:"#/properties/redis/properties/socket_timeout_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/redis/socket_timeout_seconds",schemaPath:"#/properties/redis/properties/socket_timeout_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data16.command_timeout_ms !== undefined){
let data24 = data16.command_timeout_ms;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err46 = {instancePath:instancePath+"/redis/command_timeout_ms",schemaPath:"#/properties/redis/properties/command_timeout_ms/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 1 || isNaN(data24)){
const err47 = {instancePath:instancePath+"/redis/command_timeout_ms",schemaPath:"#/properties/redis/properties/command_timeout_ms/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
if(data16.retry_on_timeout !== undefined){
if(typeof data16.retry_on_timeout !== "boolean"){
const err48 = {instancePath:instancePath+"/redis/retry_on_timeout",schemaPath:"#/properties/redis/properties/retry_on_timeout/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data16.key_prefix !== undefined){
let data26 = data16.key_prefix;
if(typeof data26 === "string"){
if(!pattern4.test(data26)){
const err49 = {instancePath:instancePath+"/redis/key_prefix",schemaPath:"#/properties/redis/properties/key_prefix/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9:_.-]{1,64}$"}};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/redis/key_prefix",schemaPath:"#/properties/redis/properties/key_prefix/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data16.cluster_nodes !== undefined){
let data27 = data16.cluster_nodes;
if(Array.isArray(data27)){
const len1 = data27.length;
for(let i1=0; i1<len1; i1++){
let data28 = data27[i1];
if(typeof data28 === "string"){
if(!pattern5.test(data28)){
const err51 = {instancePath:instancePath+"/redis/cluster_nodes/" + i1,schemaPath:"#/properties/redis/properties/cluster_nodes/items/pattern",keyword:"pattern",params:{pattern: "^[^\\s:]+:[0-9]{1,5}$"}};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/redis/cluster_nodes/" + i1,schemaPath:"#/properties/redis/properties/cluster_nodes/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/redis/cluster_nodes",schemaPath:"#/properties/redis/properties/cluster_nodes/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
}
if(data.idempotency !== undefined){
let data29 = data.idempotency;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
for(const key5 in data29){
if(!(((((((key5 === "enabled") || (key5 === "window_hours")) || (key5 === "hash_algorithm")) || (key5 === "lease_seconds")) || (key5 === "key_format")) || (key5 === "max_response_bytes")) || (key5 === "failure_mode"))){
const err54 = {instancePath:instancePath+"/idempotency",schemaPath:"#/properties/idempotency/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5}};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data29.enabled !== undefined){
if(typeof data29.enabled !== "boolean"){
const err55 = {instancePath:instancePath+"/idempotency/enabled",schemaPath:"#/properties/idempotency/properties/enabled/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data29.window_hours !== undefined){
let data31 = data29.window_hours;
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 <= 0 || isNaN(data31)){
const err56 = {instancePath:instancePath+"/idempotency/window_hours",schemaPath:"#/properties/idempotency/properties/window_hours/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/idempotency/window_hours",schemaPath:"#/properties/idempotency/properties/window_hours/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data29.hash_algorithm !== undefined){
if(!(data29.hash_algorithm === "sha256")){
const err58 = {instancePath:instancePath+"/idempotency/hash_algorithm",schemaPath:"#/properties/idempotency/properties/hash_algorithm/enum",keyword:"enum",params:{allowedValues: schema31.properties.idempotency.properties.hash_algorithm.enum}};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data29.lease_seconds !== undefined){
let data33 = data29.lease_seconds;
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 <= 0 || isNaN(data33)){
const err59 = {instancePath:instancePath+"/idempotency/lease_seconds",schemaPath:"#/properties/idempotency/properties/lease_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/idempotency/lease_seconds",schemaPath:"#/properties/idempotency/properties/lease_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data29.key_format !== undefined){
let data34 = data29.key_format;
if(!((data34 === "printable") || (data34 === "uuid-v4"))){
const err61 = {instancePath:instancePath+"/idempotency/key_format",schemaPath:"#/properties/idempotency/properties/key_format/enum",keyword:"enum",params:{allowedValues: schema31.properties.idempotency.properties.key_format.enum}};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data29.max_response_bytes !== undefined){
let data35 = data29.max_response_bytes;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err62 = {instancePath:instancePath+"/idempotency/max_response_bytes",schemaPath:"#/properties/idempotency/properties/max_response_bytes/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 < 1 || isNaN(data35)){
const err63 = {instancePath:instancePath+"/idempotency/max_response_bytes",schemaPath:"#/properties/idempotency/properties/max_response_bytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
if(data29.failure_mode !== undefined){
let data36 = data29.failure_mode;
if(!((data36 === "open") || (data36 === "closed"))){
const err64 = {instancePath:instancePath+"/idempotency/failure_mode",schemaPath:"#/properties/idempotency/properties/failure_mode/enum",keyword:"enum",params:{allowedValues: schema31.properties.idempotency.properties.failure_mode.enum}};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/idempotency",schemaPath:"#/properties/idempotency/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.rate_limiting !== undefined){
let data37 = data.rate_limiting;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
for(const key6 in data37){
if(!((((((key6 === "enabled") || (key6 === "default_limit")) || (key6 === "default_window_seconds")) || (key6 === "endpoints")) || (key6 === "ipv6_prefix_length")) || (key6 === "failure_mode"))){
const err66 = {instancePath:instancePath+"/rate_limiting",schemaPath:"#/properties/rate_limiting/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6}};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data37.enabled !== undefined){
if(typeof data37.enabled !== "boolean"){
const err67 = {instancePath:instancePath+"/rate_limiting/enabled",schemaPath:"#/properties/rate_limiting/properties/enabled/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data37.default_limit !== undefined){
let data39 = data37.default_limit;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err68 = {instancePath:instancePath+"/rate_limiting/default_limit",schemaPath:"#/properties/rate_limiting/properties/default_limit/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
if(data39 < 1 || isNaN(data39)){
const err69 = {instancePath:instancePath+"/rate_limiting/default_limit",schemaPath:"#/properties/rate_limiting/properties/default_limit/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
if(data37.default_window_seconds !== undefined){
let data40 = data37.default_window_seconds;
if((typeof data40 == "number") && (isFinite(data40))){
if(data40 <= 0 || isNaN(data40)){
const err70 = {instancePath:instancePath+"/rate_limiting/default_window_seconds",schemaPath:"#/properties/rate_limiting/properties/default_window_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/rate_limiting/default_window_seconds",schemaPath:"#/properties/rate_limiting/properties/default_window_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data37.endpoints !== undefined){
let data41 = data37.endpoints;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
for(const key7 in data41){
let data42 = data41[key7];
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
if(data42.limit === undefined){
const err72 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/required",keyword:"required",params:{missingProperty: "limit"}};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(data42.window_seconds === undefined){
const err73 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/required",keyword:"required",params:{missingProperty: "window_seconds"}};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
for(const key8 in data42){
if(!((key8 === "limit") || (key8 === "window_seconds"))){
const err74 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8}};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data42.limit !== undefined){
let data43 = data42.limit;
if(!(((typeof data43 == "number") && (!(data43 % 1) && !isNaN(data43))) && (isFinite(data43)))){
const err75 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/limit",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/limit/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
if((typeof data43 == "number") && (isFinite(data43))){
if(data43 < 1 || isNaN(data43)){
const err76 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/limit",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/limit/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
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
if(data42.window_seconds !== undefined){
let data44 = data42.window_seconds;
if((typeof data44 == "number") && (isFinite(data44))){
if(data44 <= 0 || isNaN(data44)){
const err77 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/window_seconds",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/window_seconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0}};
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
const err78 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/window_seconds",schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/properties/window_seconds/type",keyword:"type",params:{type: "number"}};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
}
else {
const err79 = {instancePath:instancePath+"/rate_limiting/endpoints/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limiting/properties/endpoints/additionalProperties/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
}
else {
const err80 = {instancePath:instancePath+"/rate_limiting/endpoints",schemaPath:"#/properties/rate_limiting/properties/endpoints/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data37.ipv6_prefix_length !== undefined){
let data45 = data37.ipv6_prefix_length;
if(!(((typeof data45 == "number") && (!(data45 % 1) && !isNaN(data45))) && (isFinite(data45)))){
const err81 = {instancePath:instancePath+"/rate_limiting/ipv6_prefix_length",schemaPath:"#/properties/rate_limiting/properties/ipv6_prefix_length/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
if((typeof data45 == "number") && (isFinite(data45))){
if(data45 > 128 || isNaN(data45)){
const err82 = {instancePath:instancePath+"/rate_limiting/ipv6_prefix_length",schemaPath:"#/properties/rate_limiting/properties/ipv6_prefix_length/maximum",keyword:"maximum",params:{comparison: "<=", limit: 128}};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(data45 < 1 || isNaN(data45)){
const err83 = {instancePath:instancePath+"/rate_limiting/ipv6_prefix_length",schemaPath:"#/properties/rate_limiting/properties/ipv6_prefix_length/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
if(data37.failure_mode !== undefined){
let data46 = data37.failure_mode;
if(!((data46 === "open") || (data46 === "closed"))){
const err84 = {instancePath:instancePath+"/rate_limiting/failure_mode",schemaPath:"#/properties/rate_limiting/properties/failure_mode/enum",keyword:"enum",params:{allowedValues: schema31.properties.rate_limiting.properties.failure_mode.enum}};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
else {
const err85 = {instancePath:instancePath+"/rate_limiting",schemaPath:"#/properties/rate_limiting/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data.validation !== undefined){
let data47 = data.validation;
if(data47 && typeof data47 == "object" && !Array.isArray(data47)){
for(const key9 in data47){
if(!(((((key9 === "validate_requests") || (key9 === "validate_responses")) || (key9 === "response_validation")) || (key9 === "fail_on_unknown_fields")) || (key9 === "coerce_types"))){
const err86 = {instancePath:instancePath+"/validation",schemaPath:"#/properties/validation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9}};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data47.validate_requests !== undefined){
if(typeof data47.validate_requests !== "boolean"){
const err87 = {instancePath:instancePath+"/validation/validate_requests",schemaPath:"#/properties/validation/properties/validate_requests/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data47.validate_responses !== undefined){
if(typeof data47.validate_responses !== "boolean"){
const err88 = {instancePath:instancePath+"/validation/validate_responses",schemaPath:"#/properties/validation/properties/validate_responses/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data47.response_validation !== undefined){
let data50 = data47.response_validation;
if(!(((data50 === "enforce") || (data50 === "log")) || (data50 === "off"))){
const err89 = {instancePath:instancePath+"/validation/response_validation",schemaPath:"#/properties/validation/properties/response_validation/enum",keyword:"enum",params:{allowedValues: schema31.properties.validation.properties.response_validation.enum}};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data47.fail_on_unknown_fields !== undefined){
if(typeof data47.fail_on_unknown_fields !== "boolean"){
const err90 = {instancePath:instancePath+"/validation/fail_on_unknown_fields",schemaPath:"#/properties/validation/properties/fail_on_unknown_fields/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data47.coerce_types !== undefined){
if(typeof data47.coerce_types !== "boolean"){
const err91 = {instancePath:instancePath+"/validation/coerce_types",schemaPath:"#/properties/validation/properties/coerce_types/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
}
else {
const err92 = {instancePath:instancePath+"/validation",schemaPath:"#/properties/validation/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data.logging !== undefined){
let data53 = data.logging;
if(data53 && typeof data53 == "object" && !Array.isArray(data53)){
for(const key10 in data53){
if(!(((((key10 === "level") || (key10 === "format")) || (key10 === "output_path")) || (key10 === "log_validation_errors")) || (key10 === "log_rate_limit_hits"))){
const err93 = {instancePath:instancePath+"/logging",schemaPath:"#/properties/logging/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10}};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data53.level !== undefined){
let data54 = data53.level;
if(!((((((((((((((((data54 === "TRACE") || (data54 === "DEBUG")) || (data54 === "INFO")) || (data54 === "WARNING")) || (data54 === "WARN")) || (data54 === "ERROR")) || (data54 === "FATAL")) || (data54 === "SILENT")) || (data54 === "trace")) || (data54 === "debug")) || (data54 === "info")) || (data54 === "warn")) || (data54 === "warning")) || (data54 === "error")) || (data54 === "fatal")) || (data54 === "silent"))){
const err94 = {instancePath:instancePath+"/logging/level",schemaPath:"#/properties/logging/properties/level/enum",keyword:"enum",params:{allowedValues: schema31.properties.logging.properties.level.enum}};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data53.format !== undefined){
if(!(data53.format === "json")){
const err95 = {instancePath:instancePath+"/logging/format",schemaPath:"#/properties/logging/properties/format/enum",keyword:"enum",params:{allowedValues: schema31.properties.logging.properties.format.enum}};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data53.output_path !== undefined){
let data56 = data53.output_path;
if((typeof data56 !== "string") && (data56 !== null)){
const err96 = {instancePath:instancePath+"/logging/output_path",schemaPath:"#/properties/logging/properties/output_path/type",keyword:"type",params:{type: schema31.properties.logging.properties.output_path.type}};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
if(data53.log_validation_errors !== undefined){
if(typeof data53.log_validation_errors !== "boolean"){
const err97 = {instancePath:instancePath+"/logging/log_validation_errors",schemaPath:"#/properties/logging/properties/log_validation_errors/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
if(data53.log_rate_limit_hits !== undefined){
if(typeof data53.log_rate_limit_hits !== "boolean"){
const err98 = {instancePath:instancePath+"/logging/log_rate_limit_hits",schemaPath:"#/properties/logging/properties/log_rate_limit_hits/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
else {
const err99 = {instancePath:instancePath+"/logging",schemaPath:"#/properties/logging/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data.monitoring !== undefined){
let data59 = data.monitoring;
if(data59 && typeof data59 == "object" && !Array.isArray(data59)){
for(const key11 in data59){
if(!(((key11 === "collect_metrics") || (key11 === "metric_names")) || (key11 === "metrics_port"))){
const err100 = {instancePath:instancePath+"/monitoring",schemaPath:"#/properties/monitoring/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11}};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data59.collect_metrics !== undefined){
if(typeof data59.collect_metrics !== "boolean"){
const err101 = {instancePath:instancePath+"/monitoring/collect_metrics",schemaPath:"#/properties/monitoring/properties/collect_metrics/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
if(data59.metric_names !== undefined){
let data61 = data59.metric_names;
if(Array.isArray(data61)){
const len2 = data61.length;
for(let i2=0; i2<len2; i2++){
if(typeof data61[i2] !== "string"){
const err102 = {instancePath:instancePath+"/monitoring/metric_names/" + i2,schemaPath:"#/properties/monitoring/properties/metric_names/items/type",keyword:"type",params:{type: "string"}};
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
else {
const err103 = {instancePath:instancePath+"/monitoring/metric_names",schemaPath:"#/properties/monitoring/properties/metric_names/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
if(data59.metrics_port !== undefined){
let data63 = data59.metrics_port;
if((!(((typeof data63 == "number") && (!(data63 % 1) && !isNaN(data63))) && (isFinite(data63)))) && (data63 !== null)){
const err104 = {instancePath:instancePath+"/monitoring/metrics_port",schemaPath:"#/properties/monitoring/properties/metrics_port/type",keyword:"type",params:{type: schema31.properties.monitoring.properties.metrics_port.type}};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if((typeof data63 == "number") && (isFinite(data63))){
if(data63 > 65535 || isNaN(data63)){
const err105 = {instancePath:instancePath+"/monitoring/metrics_port",schemaPath:"#/properties/monitoring/properties/metrics_port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535}};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(data63 < 0 || isNaN(data63)){
const err106 = {instancePath:instancePath+"/monitoring/metrics_port",schemaPath:"#/properties/monitoring/properties/metrics_port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
}
}
else {
const err107 = {instancePath:instancePath+"/monitoring",schemaPath:"#/properties/monitoring/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
}
else {
const err108 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

