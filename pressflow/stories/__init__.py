"""Stories: similarity signals, vetoes and the story index that joins the same news."""
