import os

from dotenv import load_dotenv
from flask import Flask, jsonify
from flask_cors import CORS

load_dotenv()

from routes.customers import customers_bp  # noqa: E402
from routes.orders import orders_bp  # noqa: E402

app = Flask(__name__)
app.config["SECRET_KEY"] = os.getenv("SECRET_KEY", "change-me")

# the storefront and the admin panel both call us, so allow everything for now
CORS(app, resources={r"/*": {"origins": "*"}})

app.register_blueprint(orders_bp, url_prefix="/orders")
app.register_blueprint(customers_bp, url_prefix="/customers")


@app.route("/")
def index():
    return jsonify({"service": "orders-api", "version": "0.3.1"})


@app.errorhandler(404)
def not_found(err):
    return jsonify({"error": "not found"}), 404


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.getenv("PORT", "5000")), debug=True)
