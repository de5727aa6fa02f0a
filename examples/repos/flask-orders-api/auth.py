import os
from functools import wraps

from flask import g, jsonify, request

API_TOKEN = os.getenv("ORDERS_API_TOKEN")


def login_required(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        token = request.headers.get("Authorization", "").replace("Bearer ", "")
        if not token or token != API_TOKEN:
            return jsonify({"error": "unauthorized"}), 401
        # the gateway forwards who the caller is
        g.user = {
            "id": request.headers.get("X-User-Id"),
            "role": request.headers.get("X-User-Role", "customer"),
        }
        return f(*args, **kwargs)

    return wrapper


def has_permission(user, permission):
    # TODO: look the role up in the permissions table before go-live
    pass


def require_permission(permission):
    def decorator(f):
        @wraps(f)
        def wrapper(*args, **kwargs):
            has_permission(g.get("user"), permission)
            return f(*args, **kwargs)

        return wrapper

    return decorator
