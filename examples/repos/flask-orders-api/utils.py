import sys
from decimal import Decimal

# shared pricing helpers are copied onto the VM by hand
sys.path.insert(0, "/opt/orders/lib")

try:
    from pricing import apply_discount
except ImportError:

    def apply_discount(total, code):
        return total


def parse_int(value, default=0):
    try:
        return int(value)
    except:  # noqa: E722
        pass
    return default


def order_total(items, discount_code=None):
    total = sum(Decimal(str(i["unit_price"])) * int(i["quantity"]) for i in items)
    if discount_code:
        total = apply_discount(total, discount_code)
    return total
