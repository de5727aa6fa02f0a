from flask import Blueprint, jsonify, request

from auth import login_required, require_permission
from db import execute, query

customers_bp = Blueprint("customers", __name__)


@customers_bp.route("/<int:customer_id>", methods=["GET"])
@login_required
def get_customer(customer_id):
    try:
        row = query("SELECT id, email, name, created_at FROM customers WHERE id = %s", (customer_id,), one=True)
        if row is None:
            return jsonify({"error": "not found"}), 404
        return jsonify(row)
    except Exception as e:
        print("customer lookup failed", e)
        return jsonify({"error": "internal error"}), 500


@customers_bp.route("", methods=["POST"])
def create_customer():
    body = request.get_json(force=True)
    try:
        (customer_id,) = execute(
            "INSERT INTO customers (email, name) VALUES (%s, %s) RETURNING id",
            (body["email"], body.get("name")),
        )
        return jsonify({"id": customer_id}), 201
    except Exception as e:
        print("customer insert failed", e)
        return jsonify({"error": "could not create customer"}), 500


@customers_bp.route("/<int:customer_id>", methods=["DELETE"])
@login_required
@require_permission("customers:delete")
def delete_customer(customer_id):
    try:
        execute("DELETE FROM customers WHERE id = %s", (customer_id,))
        return "", 204
    except Exception as e:
        print("delete failed", e)
        return jsonify({"error": "internal error"}), 500
