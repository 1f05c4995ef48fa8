"""marshmallow schemas of the JSON API; the OpenAPI document is generated from them."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from models import INTERACTION_KINDS, PHONE_KINDS, STAGES

#: Ids are 32-bit integers in the database (see app.MAX_ROW_ID).
from services.validation import MAX_ID


class ErrorBody(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "machine-readable reason"})
    message = ma.fields.String(required=True)
    # data_key: "fields" would shadow marshmallow's own Schema.fields attribute as a name.
    field_messages = ma.fields.Dict(data_key="fields", metadata={"description": "per-field messages"})


class ErrorSchema(ma.Schema):
    """Every error answer: ``{"error": {"code", "message"}}``."""

    error = ma.fields.Nested(ErrorBody, required=True)


class PhoneSchema(ma.Schema):
    type = ma.fields.String(required=True, validate=validate.OneOf(PHONE_KINDS))
    e164 = ma.fields.String(required=True)
    extension = ma.fields.String(allow_none=True)


class PhoneInputSchema(ma.Schema):
    type = ma.fields.String(load_default="work", validate=validate.OneOf(PHONE_KINDS))
    number = ma.fields.String(required=True, validate=validate.Length(min=1, max=40))


class CompanyRefSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)


class ContactSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    name_reading = ma.fields.String(allow_none=True)
    name_latin = ma.fields.String(allow_none=True)
    title = ma.fields.String(allow_none=True)
    department = ma.fields.String(allow_none=True)
    company = ma.fields.Nested(CompanyRefSchema, allow_none=True)
    emails = ma.fields.List(ma.fields.String(), required=True)
    phones = ma.fields.List(ma.fields.Nested(PhoneSchema), required=True)
    urls = ma.fields.List(ma.fields.String(), required=True)
    postal_code = ma.fields.String(allow_none=True)
    address = ma.fields.String(allow_none=True)
    prefecture = ma.fields.String(allow_none=True)
    country = ma.fields.String(allow_none=True)
    notes = ma.fields.String(allow_none=True)
    is_key_person = ma.fields.Boolean()
    owner_id = ma.fields.Integer(allow_none=True)
    tags = ma.fields.List(ma.fields.String())
    merged_into_id = ma.fields.Integer(allow_none=True)
    created_at = ma.fields.DateTime(allow_none=True)
    updated_at = ma.fields.DateTime(allow_none=True)


class ContactInputSchema(ma.Schema):
    """A contact to create, or (PATCH) the fields to change."""

    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=255))
    name_reading = ma.fields.String(allow_none=True, validate=validate.Length(max=255))
    name_latin = ma.fields.String(allow_none=True, validate=validate.Length(max=255))
    title = ma.fields.String(allow_none=True, validate=validate.Length(max=255))
    department = ma.fields.String(allow_none=True, validate=validate.Length(max=255))
    company = ma.fields.String(allow_none=True, validate=validate.Length(max=255))
    emails = ma.fields.List(
        ma.fields.String(validate=validate.Length(max=254)), validate=validate.Length(max=20)
    )
    phones = ma.fields.List(ma.fields.Nested(PhoneInputSchema), validate=validate.Length(max=20))
    postal_code = ma.fields.String(allow_none=True, validate=validate.Length(max=20))
    address = ma.fields.String(allow_none=True, validate=validate.Length(max=500))
    country = ma.fields.String(allow_none=True, validate=validate.Length(max=2))
    notes = ma.fields.String(validate=validate.Length(max=20000))
    is_key_person = ma.fields.Boolean()
    tags = ma.fields.List(
        ma.fields.String(validate=validate.Length(min=1, max=80)), validate=validate.Length(max=50)
    )


class ContactPatchSchema(ContactInputSchema):
    """PATCH: only the fields sent change."""

    name = ma.fields.String(validate=validate.Length(min=1, max=255))


class ContactQuerySchema(ma.Schema):
    """The search page's filters (``services.search.SearchCriteria``)."""

    q = ma.fields.String(validate=validate.Length(max=200))
    prefecture = ma.fields.String(validate=validate.Length(max=20))
    title = ma.fields.String(validate=validate.Length(max=255))
    company = ma.fields.String(validate=validate.Length(max=255))
    company_id = ma.fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    stage = ma.fields.String(validate=validate.OneOf(tuple(STAGES)))
    tag = ma.fields.String(validate=validate.Length(max=80))
    owner_id = ma.fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    sort = ma.fields.String(validate=validate.OneOf(("name", "company", "recent", "interaction", "updated")))
    page = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = ma.fields.Integer(load_default=25, validate=validate.Range(min=1, max=200))


class ContactPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ContactSchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


class CompanySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    legal_form = ma.fields.String(allow_none=True)
    reading = ma.fields.String(allow_none=True)
    domain = ma.fields.String(allow_none=True)
    postal_code = ma.fields.String(allow_none=True)
    address = ma.fields.String(allow_none=True)
    prefecture = ma.fields.String(allow_none=True)
    main_phone = ma.fields.String(allow_none=True)
    stage = ma.fields.String(required=True)
    owner_id = ma.fields.Integer(allow_none=True)
    tags = ma.fields.List(ma.fields.String())


class CompanyInputSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=255))
    reading = ma.fields.String(allow_none=True, validate=validate.Length(max=255))
    domain = ma.fields.String(allow_none=True, validate=validate.Length(max=255))
    postal_code = ma.fields.String(allow_none=True, validate=validate.Length(max=20))
    address = ma.fields.String(allow_none=True, validate=validate.Length(max=500))
    main_phone = ma.fields.String(allow_none=True, validate=validate.Length(max=40))
    stage = ma.fields.String(validate=validate.OneOf(tuple(STAGES)))
    tags = ma.fields.List(
        ma.fields.String(validate=validate.Length(min=1, max=80)), validate=validate.Length(max=50)
    )


class CompanyPatchSchema(CompanyInputSchema):
    """PATCH: only the fields sent change."""

    name = ma.fields.String(validate=validate.Length(min=1, max=255))


class CompanyQuerySchema(ma.Schema):
    q = ma.fields.String(validate=validate.Length(max=200))
    stage = ma.fields.String(validate=validate.OneOf(tuple(STAGES)))
    page = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = ma.fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class CompanyPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CompanySchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


class UploadSchema(ma.Schema):
    """``multipart/form-data`` with one or more files in ``image``."""

    image = ma.fields.List(
        ma.fields.Raw(metadata={"type": "string", "format": "binary"}),
        required=True,
        validate=validate.Length(min=1, max=100),
    )


class JobRefSchema(ma.Schema):
    id = ma.fields.String(required=True)
    url = ma.fields.String(required=True)


class RejectedUploadSchema(ma.Schema):
    filename = ma.fields.String(required=True)
    code = ma.fields.String(required=True)
    message = ma.fields.String(required=True)


class JobsSchema(ma.Schema):
    jobs = ma.fields.List(ma.fields.Nested(JobRefSchema), required=True)
    rejected = ma.fields.List(ma.fields.Nested(RejectedUploadSchema))


class ScanResultSchema(ma.Schema):
    """The object of CONTRACT section 1."""

    file = ma.fields.String(allow_none=True)
    name = ma.fields.String(allow_none=True)
    name_latin = ma.fields.String(allow_none=True)
    title = ma.fields.String(allow_none=True)
    department = ma.fields.String(allow_none=True)
    company = ma.fields.String(allow_none=True)
    emails = ma.fields.List(ma.fields.String())
    phones = ma.fields.List(ma.fields.Nested(PhoneSchema))
    urls = ma.fields.List(ma.fields.String())
    postal_code = ma.fields.String(allow_none=True)
    address = ma.fields.String(allow_none=True)
    country = ma.fields.String(allow_none=True)
    seconds = ma.fields.Float(allow_none=True)


class JobSchema(ma.Schema):
    id = ma.fields.String(required=True)
    status = ma.fields.String(required=True, validate=validate.OneOf(("queued", "running", "done", "failed")))
    error = ma.fields.String(allow_none=True)
    result = ma.fields.Nested(ScanResultSchema, allow_none=True)
    contact_id = ma.fields.Integer(allow_none=True)
    doubtful = ma.fields.List(ma.fields.String(), metadata={"description": "fields to check by hand"})


class NoteSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    person_id = ma.fields.Integer(allow_none=True)
    company_id = ma.fields.Integer(allow_none=True)
    kind = ma.fields.String(required=True)
    occurred_at = ma.fields.DateTime(required=True)
    text = ma.fields.String(required=True)
    author_id = ma.fields.Integer(allow_none=True)


class NoteInputSchema(ma.Schema):
    kind = ma.fields.String(load_default="other", validate=validate.OneOf(INTERACTION_KINDS))
    text = ma.fields.String(required=True, validate=validate.Length(min=1, max=20000))
    occurred_at = ma.fields.AwareDateTime(default_timezone=None)


class ActionSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    person_id = ma.fields.Integer(allow_none=True)
    company_id = ma.fields.Integer(allow_none=True)
    what = ma.fields.String(required=True)
    due_on = ma.fields.Date(allow_none=True)
    assignee_id = ma.fields.Integer(allow_none=True)
    done = ma.fields.Boolean(required=True)


class ActionInputSchema(ma.Schema):
    what = ma.fields.String(required=True, validate=validate.Length(min=1, max=500))
    due_on = ma.fields.Date(allow_none=True)
    assignee_id = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=MAX_ID))


class SuggestionSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    contact_ids = ma.fields.List(ma.fields.Integer(), required=True)
    score = ma.fields.Float(required=True)
    reasons = ma.fields.List(ma.fields.String(), required=True)


class ExportQuerySchema(ContactQuerySchema):
    format = ma.fields.String(
        load_default="generic",
        validate=validate.OneOf(("generic", "google", "outlook", "hubspot", "salesforce", "vcard")),
    )
    encoding = ma.fields.String(load_default="utf-8", validate=validate.OneOf(("utf-8", "cp932")))
