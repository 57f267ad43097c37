"""The OpenAPI description of the HTTP API, served at /api/v1/openapi.json."""

from __future__ import annotations

import json
from typing import Any

from ..report.formats import FORMATS
from ..result import SCHEMA_VERSION, report_schema
from ..rules.ruleset import SHIPPED
from ..version import __version__
from .settings import MB, Settings

ERROR_CODES = ["bad_request", "no_files", "invalid_ruleset", "invalid_parameter", "pattern_timeout", "bad_host",
               "invalid_waivers", "unauthorized", "not_found", "too_many_files", "upload_too_large", "too_large", "unsupported_format",
               "corrupt_file", "encrypted_file", "read_timeout", "conversion_failed", "converter_missing", "error",
               "internal", "busy", "timeout"]


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi(settings: Settings) -> dict[str, Any]:
    schema = report_schema()  # its "#/$defs/…" references, re-rooted where the schema sits in this document
    schema = json.loads(json.dumps(schema).replace('"#/$defs/', '"#/components/schemas/Report/$defs/'))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    errors = {str(status): _error(text) for status, text in (
        (400, "请求参数有误（bad_request、no_files、invalid_parameter …）"), (401, "需要访问令牌（unauthorized）"),
        (413, "文件太多或太大（too_many_files、upload_too_large、too_large）"), (415, "不支持的文件格式（unsupported_format）"),
        (422, "文件无法读取（corrupt_file、encrypted_file …）"), (500, "内部错误（internal）"),
        (503, "服务器正忙（busy）"), (504, "检查超时（timeout）"))}
    return {
        "openapi": "3.1.0",
        "info": {"title": "plancheck 应急预案检查接口", "version": __version__,
                 "description": f"上传预案文件，按规则集检查，返回符合 report.schema.json（schema_version {SCHEMA_VERSION}）的结果。"
                                f"一次最多 {settings.max_files} 个文件、共 {settings.max_upload_bytes // MB} MB。"
                                "错误一律为 JSON：{\"error\": {\"code\": 稳定的错误码, \"message\": 中文说明}}。"},
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "服务器监听本机以外的地址时必须带访问令牌"}},
            "schemas": {
                "Report": schema,
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["code", "message"], "properties": {
                        "code": {"enum": ERROR_CODES, "description": "稳定的错误码，可用于程序判断"},
                        "message": {"type": "string", "description": "中文说明，措辞可能调整"},
                        "file": {"type": "string", "description": "出错的文件名（如有）"}}}}},
                "Batch": {"type": "object", "required": ["kind", "items"], "properties": {
                    "kind": {"const": "batch"},
                    "items": {"type": "array", "items": {"type": "object", "required": ["file"], "properties": {
                        "file": {"type": "string"}, "report": {"$ref": "#/components/schemas/Report"},
                        "error": {"$ref": "#/components/schemas/Error/properties/error"},
                        "skipped": {"type": "boolean"}}}}}},
            },
        },
        "security": [{"token": []}] if settings.token else [],
        "paths": {
            "/api/v1/rulesets": {"get": {
                "summary": "可用的规则集及其参数",
                "responses": {"200": {"description": "规则集列表", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/api/v1/check": {"post": {
                "summary": "检查上传的预案（一份或多份）或标准化材料包",
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "required": ["files"], "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                  "description": ".docx .doc .wps .pdf .txt .md，或装有这些文件的 .zip"},
                        "standard": {"enum": ["auto", *SHIPPED], "default": "auto",
                                     "description": "规则集；auto 按预案标题在乡镇与村之间选择"},
                        "as_of": {"type": "string", "format": "date", "description": "检查日期，默认今天"},
                        "params": {"type": "string", "description": "规则集参数覆盖，JSON 对象，如 {\"drills_per_year\": 2}"},
                        "waivers": {"type": "string", "format": "binary",
                                    "description": "可选：豁免文件（YAML，格式见 waivers.schema.json），对每份报告采用"},
                        "format": {"enum": list(FORMATS), "default": "json",
                                   "description": "单份预案或材料包时可要求其他报告格式（docx、xlsx 为正式评审表）"}}}}}},
                "responses": {
                    "200": {"description": "一份预案或材料包：报告 JSON；多份预案：批量结果",
                            "content": {"application/json": {"schema": {"oneOf": [
                                {"$ref": "#/components/schemas/Report"}, {"$ref": "#/components/schemas/Batch"}]}}}},
                    **errors}}},
            "/api/v1/schema/report.json": {"get": {"summary": "报告 JSON 的 JSON Schema",
                                                   "responses": {"200": {"description": "JSON Schema"}}}},
            "/api/v1/openapi.json": {"get": {"summary": "本接口说明（OpenAPI）", "responses": {"200": {"description": "OpenAPI"}}}},
        },
    }
