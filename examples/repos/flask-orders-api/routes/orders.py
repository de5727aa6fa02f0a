import os

import boto3
from flask import Blueprint, jsonify, request

from auth import login_required, require_permission
from db import execute, query
from utils import order_total, parse_int

orders_bp = Blueprint("orders", __name__)

s3 = boto3.client("s3", region_name=os.getenv("AWS_REGION"))


@orders_bp.route("", methods=["GET"])
@login_required
def list_orders():
    limit = parse_int(request.args.get("limit"), 50)
    try:
        rows = query("SELECT * FROM orders ORDER BY created_at DESC LIMIT %s", (limit,))
        return jsonify(rows)
    except Exception as e:
        print("failed to list orders", e)
        return jsonify({"error": "internal error"}), 500


@orders_bp.route("/<int:order_id>", methods=["GET"])
@login_required
def get_order(order_id):
    try:
        order = query("SELECT * FROM orders WHERE id = %s", (order_id,), one=True)
        if order is None:
            return jsonify({"error": "not found"}), 404
        order["items"] = query("SELECT * FROM order_items WHERE order_id = %s", (order_id,))
        return jsonify(order)
    except Exception as e:
        print("failed to load order", order_id, e)
        return jsonify({"error": "internal error"}), 500


@orders_bp.route("", methods=["POST"])
@login_required
def create_order():
    body = request.get_json(force=True)
    items = body.get("items", [])
    try:
        total = order_total(items, body.get("discount_code"))
        (order_id,) = execute(
            "INSERT INTO orders (customer_id, status, total) VALUES (%s, 'pending', %s) RETURNING id",
            (body["customer_id"], total),
        )
        for item in items:
            execute(
                "INSERT INTO order_items (order_id, sku, quantity, unit_price) VALUES (%s, %s, %s, %s)",
                (order_id, item["sku"], item["quantity"], item["unit_price"]),
            )
        return jsonify({"id": order_id, "total": str(total)}), 201
    except Exception as e:
        print("create order failed", e)
        return jsonify({"error": "could not create order"}), 500


@orders_bp.route("/<int:order_id>/status", methods=["PUT"])
@login_required
@require_permission("orders:update")
def update_status(order_id):
    status = request.get_json(force=True).get("status")
    try:
        execute("UPDATE orders SET status = %s WHERE id = %s", (status, order_id))
        return jsonify({"id": order_id, "status": status})
    except Exception as e:
        print("status update failed", e)
        return jsonify({"error": "internal error"}), 500


@orders_bp.route("/<int:order_id>/invoice", methods=["POST"])
@login_required
def upload_invoice(order_id):
    try:
        s3.put_object(
            Bucket=os.getenv("INVOICE_BUCKET"),
            Key=f"invoices/{order_id}.pdf",
            Body=request.get_data(),
        )
        return jsonify({"uploaded": True})
    except Exception as e:
        print("invoice upload failed", e)
        return jsonify({"error": "upload failed"}), 500
