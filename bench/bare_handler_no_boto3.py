"""A bare FastAPI + Mangum handler: one route with a path parameter and a JSON body (any parameter makes FastAPI
build pydantic fields, which costs ~35 ms once), and nothing of Biye."""
from fastapi import FastAPI
from mangum import Mangum
from pydantic import BaseModel

app = FastAPI()


class Note(BaseModel):
    text: str


@app.post("/api/bare/{item_id}")
def save(item_id: str, note: Note):
    return {"id": item_id, "text": note.text}


handler = Mangum(app, lifespan="off")
